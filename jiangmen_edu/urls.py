from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from jiangmen_edu import views
from jiangmen_edu.permissions import PUBLIC, allow

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "accounts/login/",
        allow(PUBLIC)(auth_views.LoginView.as_view(redirect_authenticated_user=True)),
        name="login",
    ),
    path("accounts/logout/", allow(PUBLIC)(auth_views.LogoutView.as_view()), name="logout"),
    path("accounts/", include("jiangmen_edu.accounts.urls")),
    path("i18n/setlang/", allow(PUBLIC)(set_language), name="set_language"),
    path("returns/", views.return_list, name="return_list"),
    path("returns/<int:pk>/", views.return_detail, name="return_detail"),
    path("returns/<int:pk>/edit/", views.return_edit, name="return_edit"),
    path("returns/<int:pk>/explain/", views.return_explain, name="return_explain"),
    path("returns/<int:pk>/submit/", views.return_submit, name="return_submit"),
    path("returns/<int:pk>/send-back/", views.return_send_back, name="return_send_back"),
    path("returns/<int:pk>/approve/", views.return_approve, name="return_approve"),
    path("returns/<int:pk>/reopen/", views.return_reopen, name="return_reopen"),
    path("years/", views.year_list, name="year_list"),
    path("schools/", views.school_list, name="school_list"),
    path("audit/", views.audit_list, name="audit_list"),
    path("imports/", include("jiangmen_edu.imports.urls")),
    path("teachers/", include("teachers.urls")),
    path("seats/", include("seats.urls")),
    path("pairing/", include("pairing.urls")),
    path("assessment/", include("assessment.urls")),
    path("quality/", include("jiangmen_edu.quality.urls")),
    path("admin/", admin.site.urls),
]
