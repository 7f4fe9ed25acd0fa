"""Plain-text tables for the management commands, lined up in a terminal."""

import unicodedata
from collections.abc import Container, Sequence


def display_width(text: str) -> int:
    # Chinese characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def text_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, right: Container[int] = ()
) -> str:
    """The header, a rule, then the rows; columns whose index is in `right` align right."""
    widths = [max(display_width(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        padded = []
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            space = " " * (width - display_width(cell))
            padded.append(space + cell if index in right else cell + space)
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)])
