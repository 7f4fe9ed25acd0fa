"""The teachers ledger's Excel imports: roster, training records, researcher and principal duties.

Each import replaces the unit's records of that kind for the year, so importing a corrected
file again gives the same ledger (docs/rules.md#imports: all-or-nothing, the same path for pages and
CLI).
"""

from teachers.datasets.records import PrincipalDutyDataset, ResearcherDutyDataset, TrainingDataset
from teachers.datasets.roster import RosterDataset

DATASETS = (RosterDataset(), TrainingDataset(), ResearcherDutyDataset(), PrincipalDutyDataset())
