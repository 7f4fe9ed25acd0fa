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
