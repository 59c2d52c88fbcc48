#!/usr/bin/env python
"""Django's command-line utility (development settings unless DJANGO_SETTINGS_MODULE says)."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "infant_mh.settings.dev")
    # As a web worker does (infant_mh/wsgi.py): every command, the task worker included, starts
    # without the packages only other features use (infant_mh/lean_imports.py).
    from infant_mh.lean_imports import import_lean_before_setup

    import_lean_before_setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
