"""The compliance table (docs/rules.md#pairing-targets): targets per round, cycle, group and team.

`data.load(...)` reads what a table needs in a fixed number of queries; `lines.build(...)`
turns it into lines (target, actual, pass/fail and the records behind each), in plain Python.
"""

from pairing.compliance.data import LedgerData, Period, load, resolve_period
from pairing.compliance.lines import build
from pairing.compliance.records import Line, Section

__all__ = ["LedgerData", "Line", "Period", "Section", "build", "load", "resolve_period"]
