from django.urls import path

from seats import views

app_name = "seats"
urlpatterns = [
    # the quota tables (docs/rules.md#quota-table): everyone reads, the city administrator sets them
    path("quotas/", views.quota_table, name="quota_table"),
    path("quotas/<int:period_id>/", views.quota_table, name="quota_table_period"),
    path("periods/add/", views.period_add, name="period_add"),
    path("periods/<int:pk>/edit/", views.period_edit, name="period_edit"),
    path("periods/<int:pk>/import/", views.quota_import, name="quota_import"),
    path("periods/<int:pk>/template/", views.quota_template, name="quota_template"),
    # plan progress
    path("", views.board, name="board"),
    path("export/", views.board_export, name="board_export"),
    path("units/<str:code>/", views.unit_progress, name="unit_progress"),
    path("plan/", views.plan_edit, name="plan_edit"),
    # projects
    path("projects/", views.project_list, name="project_list"),
    path("projects/export/", views.project_export, name="project_export"),
    path("projects/add/", views.project_add, name="project_add"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/delete/", views.project_delete, name="project_delete"),
    path("projects/<int:pk>/year/", views.project_year, name="project_year"),
    path("projects/<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("project-years/<int:pk>/delete/", views.project_year_delete, name="project_year_delete"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    # enrolment and coverage
    path("enrolment/", views.enrolment_list, name="enrolment_list"),
    path("enrolment/export/", views.enrolment_export, name="enrolment_export"),
    path("enrolment/edit/", views.enrolment_edit, name="enrolment_edit"),
    path("coverage/", views.coverage, name="coverage"),
    path("coverage/<str:code>/", views.coverage_unit, name="coverage_unit"),
    path("boarding/add/", views.boarding_add, name="boarding_add"),
    path("boarding/<int:pk>/delete/", views.boarding_remove, name="boarding_remove"),
]
