"""Turning the cells of real statistical returns into clean values.

Returns are typed by hand in many offices: numbers stored as text, full-width digits,
ideographic spaces, "93%" strings, dates as "2023.09.01" or "2023年9月1日", and synonyms
("大学本科" for "本科"). Each parser takes what calamine or openpyxl gives for a cell and
returns a clean value or raises `CellError` with a message for the user.
"""

import datetime
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

EXCEL_EPOCH = datetime.date(1899, 12, 30)
DATE_PATTERN = re.compile(r"^(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})\D?$")
COMPACT_DATE_PATTERN = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
TRUE_WORDS = {"是", "有", "y", "yes", "true", "1", "√", "✓", "对"}
FALSE_WORDS = {"否", "无", "n", "no", "false", "0", "×", "x", "不是", ""}


class CellError(ValueError):
    """A cell that cannot be read; the message says why, in the user's language."""


def normalise(value) -> str:
    """Text of a cell: full-width to half-width (NFKC), outer spaces of any kind removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Codes typed into numeric cells come back as 4407810001.0.
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def squash(value) -> str:
    """For matching labels: no spaces at all, lower case."""
    return re.sub(r"\s+", "", normalise(value)).lower()


def parse_text(value, max_length: int | None = None) -> str:
    text = normalise(value)
    if max_length is not None and len(text) > max_length:
        raise CellError(_("Longer than %(max)s characters.") % {"max": max_length})
    return text


def parse_int(value, minimum: int = 0, maximum: int | None = None) -> int:
    number = parse_decimal(value)
    if number != number.to_integral_value():
        raise CellError(_("Not a whole number."))
    result = int(number)
    if result < minimum or (maximum is not None and result > maximum):
        raise CellError(
            _("Must be between %(min)s and %(max)s.") % {"min": minimum, "max": maximum}
            if maximum is not None
            else _("Must be at least %(min)s.") % {"min": minimum}
        )
    return result


def parse_decimal(value) -> Decimal:
    if isinstance(value, bool):
        raise CellError(_("Not a number."))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # repr gives the shortest text that round-trips, so 0.1 stays 0.1.
        return Decimal(repr(value))
    text = normalise(value).replace(",", "").replace("，", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("Not a number.")) from None
    if not number.is_finite():
        raise CellError(_("Not a number."))
    return number


def parse_percent(value) -> Decimal:
    """A share as a fraction: "93%", "93 %" and 0.93 all give Decimal("0.93")."""
    text = normalise(value)
    if text.endswith("%"):
        return parse_decimal(text[:-1].strip()) / 100
    number = parse_decimal(value)
    if number > 1:
        # xgettext:no-python-format
        raise CellError(_("Write a share as 93% or 0.93."))
    return number


def parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise CellError(_("Not a date."))
    text = normalise(value)
    match = DATE_PATTERN.match(text) or COMPACT_DATE_PATTERN.match(text)
    if not match:
        raise CellError(_("Not a date; write it as 2025-09-01."))
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise CellError(_("Not a valid date.")) from None


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    word = squash(value)
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(_("Write 是 or 否."))


def parse_choice(value, synonyms: Mapping[str, object]):
    """Map a label or one of its synonyms (already squashed) to the stored value."""
    word = squash(value)
    if word in synonyms:
        return synonyms[word]
    raise CellError(_("Not one of the allowed values."))
