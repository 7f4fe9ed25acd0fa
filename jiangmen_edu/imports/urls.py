from django.urls import path

from jiangmen_edu.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_index, name="index"),
    path("<slug:slug>/template/", views.template_download, name="template"),
    path("<slug:slug>/upload/", views.upload, name="upload"),
    path("batches/<uuid:pk>/", views.preview, name="preview"),
    path("batches/<uuid:pk>/commit/", views.commit, name="commit"),
    path("batches/<uuid:pk>/discard/", views.discard, name="discard"),
    path("batches/<uuid:pk>/rejected/", views.rejected, name="rejected"),
]
