from django.urls import path

from jiangmen_edu.accounts import views

urlpatterns = [
    path("password/", views.password_change, name="password_change"),
    path("password/done/", views.password_change_done, name="password_change_done"),
    path("security/", views.otp_status, name="otp_status"),
    path("security/setup/", views.otp_setup, name="otp_setup"),
    path("security/verify/", views.otp_verify, name="otp_verify"),
    path("security/recovery-codes/", views.otp_recovery_codes, name="otp_recovery_codes"),
    path("security/disable/", views.otp_disable, name="otp_disable"),
    path("login-failures/", views.login_failures, name="login_failures"),
    path("login-failures/unlock/", views.login_unlock, name="login_unlock"),
]
