from django.urls import path, register_converter

from assessment.views import indicators, materials, responses, runs, scorecards, workbench

register_converter(scorecards.CountyCodeConverter, "county")

app_name = "assessment"
urlpatterns = [
    path("indicators/", indicators.indicator_table, name="indicator_table"),
    path("results/", scorecards.results, name="results"),
    path("<int:year>/", scorecards.overview, name="overview"),
    path("<int:year>/overview.xlsx", scorecards.overview_xlsx, name="overview_xlsx"),
    path("<int:year>/report.pdf", scorecards.city_pdf, name="city_pdf"),
    path("<int:year>/<county:code>/", scorecards.scorecard, name="scorecard"),
    path("<int:year>/<county:code>/report.pdf", scorecards.county_pdf, name="county_pdf"),
    # Years and runs (city); the county's materials, draft card and responses; the workbench.
    path("years/", runs.year_list, name="years"),
    path("years/open/", runs.year_open, name="year_open"),
    path("<int:year>/runs/", runs.year_detail, name="runs"),
    path("<int:year>/runs/compute/", runs.run_compute, name="run_compute"),
    path("<int:year>/runs/<int:number>/publish/", runs.run_publish, name="run_publish"),
    path("<int:year>/workbench/", workbench.workbench_list, name="workbench"),
    path(
        "<int:year>/workbench/<county:code>/<str:item>/",
        workbench.workbench_score,
        name="workbench_score",
    ),
    path("<int:year>/responses/", responses.response_list, name="responses"),
    path("responses/<int:pk>/answer/", responses.response_answer, name="response_answer"),
    path("<int:year>/<county:code>/materials/", materials.county_inputs, name="county_inputs"),
    path("<int:year>/<county:code>/materials/centre/", materials.centre_save, name="centre_save"),
    path(
        "<int:year>/<county:code>/materials/preschool/",
        materials.preschool_save,
        name="preschool_save",
    ),
    path("<int:year>/<county:code>/materials/survey/", materials.survey_save, name="survey_save"),
    path(
        "<int:year>/<county:code>/materials/evidence/",
        materials.evidence_upload,
        name="evidence_upload",
    ),
    path("<int:year>/<county:code>/draft/", responses.draft_card, name="draft_card"),
    path(
        "<int:year>/<county:code>/draft/respond/",
        responses.response_create,
        name="response_create",
    ),
    path("evidence/<int:pk>/", materials.evidence_download, name="evidence_download"),
    path("evidence/<int:pk>/delete/", materials.evidence_delete, name="evidence_delete"),
]
