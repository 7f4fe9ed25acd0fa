from django.urls import path

from assessment import views

app_name = "assessment"
urlpatterns = [
    path("indicators/", views.indicator_table, name="indicator_table"),
]
