"""Roles, the site-wide moderation workflow and review reminders for the council's editors."""
