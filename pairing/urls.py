from django.urls import path

from jiangmen_edu.record_views import record_urls
from pairing.views import records, relationships, reports

app_name = "pairing"
urlpatterns = [
    path("relationships/", relationships.relationships, name="relationships"),
    path("compliance/", reports.compliance_table, name="compliance"),
    path("overview/", reports.overview, name="overview"),
    path("groups/<int:pk>/", reports.group_dashboard, name="group_dashboard"),
    path("funding/", reports.funding, name="funding"),
    path("funding/export/", reports.funding_export, name="funding_export"),
]

# Per kind of record (see views/records.py); school links have no edit page: delete one and
# add it again.
urlpatterns += record_urls(records.PAGES)
