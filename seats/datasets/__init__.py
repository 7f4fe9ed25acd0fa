"""The seat tracker's Excel imports (docs/rules.md#imports), registered in `SeatsConfig.ready()`.

The county imports (plan, projects, enrolment) go through the shared import pages and the
`import_data` / `export_template` commands; the quota table is the city administrator's and
has its own page (`seats.views.periods`).
"""

from seats.datasets.enrolment import EnrolmentDataset
from seats.datasets.plans import QUOTA, PlanDataset, QuotaPreview, read_quota_file
from seats.datasets.projects import ProjectDataset

DATASETS = (PlanDataset(), ProjectDataset(), EnrolmentDataset())

__all__ = ["DATASETS", "QUOTA", "QuotaPreview", "read_quota_file"]
