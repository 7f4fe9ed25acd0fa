"""Logins: throttling and lockout (django-axes), password change, second factor (django-otp).

`lockout.py`: who is locked out and why, the lockout page, the city admin's view of failures;
`second_factor.py`: enrolment, verification, recovery codes and resets of the TOTP second
factor; `middleware.py`: a user who must verify (or enrol) is sent to do so before any page.
"""
