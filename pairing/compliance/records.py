"""A line of the compliance table and what it shows of the records behind it."""

from dataclasses import dataclass, field

from pairing.compliance.data import LedgerData

SHOWN_RECORDS = 30


@dataclass
class Line:
    key: str
    label: str
    target: str
    actual: str
    passed: bool | None
    records: list[str] = field(default_factory=list)
    more_records: int = 0
    list_name: str = ""
    query: str = ""
    note: str = ""


@dataclass
class Section:
    title: str
    lines: list[Line]
    key: str = ""


def with_records(line: Line, items: list[str]) -> Line:
    line.records = items[:SHOWN_RECORDS]
    line.more_records = max(0, len(items) - SHOWN_RECORDS)
    return line


def started_cycles(data: LedgerData):
    return [c for c in data.cycles if c.start <= data.period.as_of]
