"""Admin sign-in security: lockout after failed passwords (django-axes), a second factor
(django-otp: authenticator app and recovery codes), and password reset off the web request."""
