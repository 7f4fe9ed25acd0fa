"""jiangmen_edu.exports.xlsx_response: the generic xlsx download every list uses."""

import datetime
import io
from decimal import Decimal

import openpyxl
from django.utils.translation import gettext_lazy

from jiangmen_edu.exports import xlsx_response


def read(response):
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return sheet, list(sheet.iter_rows(values_only=True))


def test_it_writes_a_header_and_the_rows():
    name = gettext_lazy("Name")
    response = xlsx_response(
        "名册.xlsx",
        [name, "年度", "金额"],
        iter([("李明", 2025, Decimal("96000.50")), ("王芳", None, 0)]),
    )
    sheet, rows = read(response)
    assert rows == [(str(name), "年度", "金额"), ("李明", 2025, 96000.5), ("王芳", None, 0)]
    assert sheet["A1"].font.bold
    assert sheet.title == "名册"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%E5%90%8D%E5%86%8C.xlsx"


def test_text_is_never_a_formula_and_control_characters_go():
    response = xlsx_response("x.xlsx", ["a"], [['=HYPERLINK("http://evil","x")'], ["a\x07b"]])
    sheet, rows = read(response)
    assert rows[1:] == [('=HYPERLINK("http://evil","x")',), ("ab",)]
    assert sheet["A2"].data_type == "s"


def test_dates_and_aware_datetimes():
    moment = datetime.datetime(2025, 3, 1, 8, 30, tzinfo=datetime.UTC)
    response = xlsx_response("d.xlsx", ["d", "t"], [(datetime.date(2025, 3, 1), moment)])
    _sheet, rows = read(response)
    # Shown in the site's time zone (Asia/Shanghai), as on the pages.
    assert rows[1] == (datetime.datetime(2025, 3, 1), datetime.datetime(2025, 3, 1, 16, 30))
