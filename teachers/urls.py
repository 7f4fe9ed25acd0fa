from django.urls import path

from jiangmen_edu.record_views import record_urls
from teachers import views
from teachers.dashboard import views as dashboard_views

app_name = "teachers"

# The dashboards and the staff behind each figure (see teachers/dashboard/views.py).
urlpatterns = [
    path("dashboard/", dashboard_views.teachers_dashboard, name="dashboard"),
    path("dashboard/<slug:figure>/", dashboard_views.drilldown, name="drilldown"),
]

# Per kind of record (see teachers/views.py).
urlpatterns += record_urls(views.PAGES)

# The county's statement that it has no teaching researchers in a year (the researchers' page).
urlpatterns += [
    path(
        "researcher-duties/no-researchers/",
        views.no_researchers_state,
        name="no_researchers_state",
    ),
    path(
        "researcher-duties/no-researchers/<int:pk>/withdraw/",
        views.no_researchers_clear,
        name="no_researchers_clear",
    ),
]
