from django.urls import path

from teachers import views

app_name = "teachers"

# Per kind of record: <slug>_list, _export, _add, _edit and _delete (see teachers/views.py).
urlpatterns = []
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
