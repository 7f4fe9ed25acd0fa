from django.urls import path

from pairing import views

app_name = "pairing"
urlpatterns = [
    path("relationships/", views.relationships, name="relationships"),
]
