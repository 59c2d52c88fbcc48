"""Django's PostgreSQL backend that also honours the request's database deadline."""
