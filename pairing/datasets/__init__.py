"""The pairing ledger's Excel imports (docs/rules.md#imports): dispatched teachers (by the
supporting unit that sends them), shadowing teachers (by the recipient county that sends
them) and the activity log (by the side that records it).

Rows are checked with the same rules as the forms (`pairing.services`); a file with any bad
row imports nothing. Placements are matched on staff number, kind and start date, so
importing a corrected file updates them (their activity lines stay attached); the activity
log of the year is replaced as a whole.
"""

from pairing.datasets.activities import ActivityDataset
from pairing.datasets.placements import DispatchedDataset, ShadowingDataset

DATASETS = (DispatchedDataset(), ShadowingDataset(), ActivityDataset())

__all__ = ["DATASETS", "ActivityDataset", "DispatchedDataset", "ShadowingDataset"]
