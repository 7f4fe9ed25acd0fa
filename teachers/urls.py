from django.urls import path

from teachers import dashboard_views, views

app_name = "teachers"

# The dashboards and the staff behind each figure (see teachers/dashboard_views.py).
urlpatterns = [
    path("dashboard/", dashboard_views.teachers_dashboard, name="dashboard"),
    path("dashboard/<slug:figure>/", dashboard_views.drilldown, name="drilldown"),
]

# Per kind of record: <slug>_list, _export, _add, _edit and _delete (see teachers/views.py).
for pages in views.PAGES:
    slug = pages.listing.slug
    urlpatterns += [
        path(f"{pages.path}/", views.make_list_view(pages), name=f"{slug}_list"),
        path(f"{pages.path}/export/", views.make_export_view(pages), name=f"{slug}_export"),
        path(f"{pages.path}/add/", views.make_add_view(pages), name=f"{slug}_add"),
        path(f"{pages.path}/<int:pk>/edit/", views.make_edit_view(pages), name=f"{slug}_edit"),
        path(
            f"{pages.path}/<int:pk>/delete/",
            views.make_delete_view(pages),
            name=f"{slug}_delete",
        ),
    ]
