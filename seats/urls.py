from django.urls import path

from seats import views

app_name = "seats"
urlpatterns = [
    path("quotas/", views.quota_table, name="quota_table"),
    path("quotas/<int:period_id>/", views.quota_table, name="quota_table_period"),
]
