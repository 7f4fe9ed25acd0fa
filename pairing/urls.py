from django.urls import path

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

# Per kind of record: <slug>_list, _export, _add, _edit and _delete (see views/records.py);
# school links have no edit page: delete one and add it again.
for pages in records.PAGES:
    slug = pages.listing.slug
    urlpatterns += [
        path(f"{pages.path}/", records.make_list_view(pages), name=f"{slug}_list"),
        path(f"{pages.path}/export/", records.make_export_view(pages), name=f"{slug}_export"),
        path(f"{pages.path}/add/", records.make_add_view(pages), name=f"{slug}_add"),
        path(
            f"{pages.path}/<int:pk>/delete/", records.make_delete_view(pages), name=f"{slug}_delete"
        ),
    ]
    if pages.editable:
        urlpatterns.append(
            path(f"{pages.path}/<int:pk>/edit/", records.make_edit_view(pages), name=f"{slug}_edit")
        )
