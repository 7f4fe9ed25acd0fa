from django.urls import path, register_converter

from assessment import (
    input_views,
    response_views,
    run_views,
    scorecard_views,
    views,
    workbench_views,
)

register_converter(scorecard_views.CountyCodeConverter, "county")

app_name = "assessment"
urlpatterns = [
    path("indicators/", views.indicator_table, name="indicator_table"),
    path("results/", scorecard_views.results, name="results"),
    path("<int:year>/", scorecard_views.overview, name="overview"),
    path("<int:year>/overview.xlsx", scorecard_views.overview_xlsx, name="overview_xlsx"),
    path("<int:year>/report.pdf", scorecard_views.city_pdf, name="city_pdf"),
    path("<int:year>/<county:code>/", scorecard_views.scorecard, name="scorecard"),
    path("<int:year>/<county:code>/report.pdf", scorecard_views.county_pdf, name="county_pdf"),
    # Years and runs (city); the county's materials, draft card and responses; the workbench.
    path("years/", run_views.year_list, name="years"),
    path("years/open/", run_views.year_open, name="year_open"),
    path("<int:year>/runs/", run_views.year_detail, name="runs"),
    path("<int:year>/runs/compute/", run_views.run_compute, name="run_compute"),
    path("<int:year>/runs/<int:number>/publish/", run_views.run_publish, name="run_publish"),
    path("<int:year>/workbench/", workbench_views.workbench_list, name="workbench"),
    path(
        "<int:year>/workbench/<county:code>/<str:item>/",
        workbench_views.workbench_score,
        name="workbench_score",
    ),
    path("<int:year>/responses/", response_views.response_list, name="responses"),
    path("responses/<int:pk>/answer/", response_views.response_answer_view, name="response_answer"),
    path("<int:year>/<county:code>/materials/", input_views.county_inputs, name="county_inputs"),
    path("<int:year>/<county:code>/materials/centre/", input_views.centre_save, name="centre_save"),
    path(
        "<int:year>/<county:code>/materials/preschool/",
        input_views.preschool_save,
        name="preschool_save",
    ),
    path("<int:year>/<county:code>/materials/survey/", input_views.survey_save, name="survey_save"),
    path(
        "<int:year>/<county:code>/materials/evidence/",
        input_views.evidence_upload,
        name="evidence_upload",
    ),
    path("<int:year>/<county:code>/draft/", response_views.draft_card, name="draft_card"),
    path(
        "<int:year>/<county:code>/draft/respond/",
        response_views.response_create,
        name="response_create",
    ),
    path("evidence/<int:pk>/", input_views.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", input_views.evidence_delete_view, name="evidence_delete"),
]
