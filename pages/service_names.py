"""The service's and the council's names as first installed.

Editors change them in Settings > Service settings; these constants are the fields' defaults and
what the error pages show, which render without the database.
"""

from __future__ import annotations

SERVICE_NAME = "Infant mental health"
ORGANISATION_NAME = "North Lincolnshire Council"
