"""Running the site: the supervised email worker and its heartbeat, /healthz and /readyz,
security.txt, and admin warnings when email stops going out."""
