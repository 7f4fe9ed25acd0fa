from django.urls import path

from jiangmen_edu.quality import views

urlpatterns = [
    path("", views.overview, name="quality_overview"),
    path("export.xlsx", views.export_xlsx, name="quality_export"),
    path("rules/", views.rule_list, name="quality_rules"),
    path("refresh/", views.refresh, name="quality_refresh"),
    path("<str:unit_code>/<str:code>/", views.findings, name="quality_findings"),
]
