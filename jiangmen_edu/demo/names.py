"""Name pools for the demo data: people, villages, school brands and review comments.

Every pool is a tuple so that drawing from it with a seeded `random.Random` is reproducible;
never draw from a set, whose order is not stable between runs.
"""

import random

# Common surnames of the Wuyi (五邑) area, with its typical compound ones (司徒, 欧阳).
FAMILY_NAMES: tuple[str, ...] = tuple(
    (
        "李 陈 黄 梁 张 刘 林 吴 谭 关 邓 伍 余 甄 周 何 "
        "朱 冯 区 赵 罗 郑 胡 许 钟 方 叶 曾 黎 容 司徒 欧阳"
    ).split()
)

GIVEN_NAMES: tuple[str, ...] = tuple(
    (
        "伟明 嘉欣 志强 晓燕 泳诗 卓琳 家豪 婉婷 颖仪 子健 "
        "浩然 慧敏 锦华 永康 丽华 国华 少芬 秀珍 美玲 建华 "
        "振宇 雪梅 俊杰 文静 海燕 志明 淑贤 宝仪 晓华 健雄 "
        "敏 静 芳 强 磊 涛 勇 红 斌 华"
    ).split()
)

# Village and neighbourhood names, the usual second half of a village school's name.
VILLAGES: tuple[str, ...] = tuple(
    (
        "塘美 南坑 水井 新村 龙安 东山 西岭 北洋 大塘 冲口 石岗 沙岗 "
        "田心 上洞 下洞 朗头 长岭 平岗 莲塘 横江 桥头 凤山 金星 联和 "
        "和平 群星 永安 仁和 广安 塘边 龙塘 龙湾 罗岗 马山 牛山 三社 "
        "四堡 五福 六合 七星 九龙 良村 东风 红岭 白石 青山 黄冲 松柏 "
        "竹林 荔枝 梅阁 坑口 岗头 湾头 圩镇 华安 富岗 新华 锦江 碧桂"
    ).split()
)

# Brand words of private (民办) kindergartens and schools.
KINDERGARTEN_BRANDS: tuple[str, ...] = tuple(
    (
        "金太阳 小天使 蓝天 彩虹 爱弥儿 童心 贝贝 七色光 "
        "智慧树 小哈佛 童乐 启明星 小太阳 欢乐谷 蒲公英 小海豚 "
        "小精灵 春蕾 阳光宝贝 金苹果 向日葵 小百灵 童话 星星 "
        "小博士 育苗 快乐岛 蓓蕾之家 乐思 明珠"
    ).split()
)

SCHOOL_BRANDS: tuple[str, ...] = tuple(
    (
        "英才 育英 博雅 新星 启明 明德 励志 致远 翰林 嘉华 "
        "睿智 博文 东方 华侨 星辰 弘毅 知行 立新 崇文 景华"
    ).split()
)

PRIVATE_SCHOOL_SUFFIXES: tuple[str, ...] = ("学校", "实验学校", "外国语学校", "双语学校")

# What a city reviewer writes when sending a return back (docs/rules.md#yearly-return).
SEND_BACK_COMMENTS: tuple[str, ...] = (
    "请补充教研员名单附件",
    "临聘教师平均工资与财政拨款表不一致，请核实后重新提交",
    "学位建设项目缺少竣工验收材料，请补充",
    "部分学校在校生数与学籍系统不符，请核对",
    "请补充结对学校支教教师派出文件",
    "培训学时统计口径有误，请按市级口径重新填报",
    "民转公学位数缺少区政府批复文件，请补充",
    "联系人电话有误，请更正",
)

# What a county editor writes to explain a data-quality warning before submitting,
# by rule code; a rule not listed gets the last, general answer.
WARNING_EXPLANATIONS: dict[str, str] = {
    "T03": "当年新招聘一批本科及以上学历教师，并有部分教师学历提升，数据已与人事系统核对",
    "T04": "当年按核定编制补充在编教师，临聘教师相应减少，数据属实",
    "T05": "该教师当年参加省级骨干教师脱产研修，学时已由培训机构出具证明",
    "T06": "该校长经县委组织部批准继续任职，批复文件已存档",
    "S01": "一所学校建设延至“十五五”期间，已报市教育局备案",
    "S02": "项目竣工验收时核增学位，以验收报告为准",
    "S03": "当年新建学校投入使用，随迁子女入学增加，已与学籍系统核对一致",
    "P01": "该教师学期中途派出，名册按学年初在岗情况填报",
    "": "经核实数据属实，已按市教育局口径重新核对",
}

CN_DIGITS = "零一二三四五六七八九"


def chinese_ordinal(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五: as in 第十二小学 (1..99)."""
    if not 1 <= number <= 99:
        raise ValueError(f"ordinal out of range: {number}")
    tens, ones = divmod(number, 10)
    if tens == 0:
        return CN_DIGITS[ones]
    prefix = "" if tens == 1 else CN_DIGITS[tens]
    return f"{prefix}十{CN_DIGITS[ones] if ones else ''}"


def person_name(rng: random.Random) -> tuple[str, str]:
    """A (family name, given name) pair."""
    return rng.choice(FAMILY_NAMES), rng.choice(GIVEN_NAMES)


def phone_number(rng: random.Random) -> str:
    """An office line in Jiangmen's 0750 area."""
    return f"0750-{rng.randint(3000000, 3999999)}"
