"""Cells for spreadsheets: what someone typed into the contact form must stay text."""

from __future__ import annotations

# A cell starting with one of these may be run as a formula by a spreadsheet program (OWASP,
# "CSV Injection"): `=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`, or the same after a tab or CR.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse_formula(value: object) -> object:
    """A text value that could start a formula, with a single quote in front; others as they are.

    Used by both exports: the subject-access CSV (`retention.export_csv`) and the Enquiries
    list's "Download CSV/XLSX" (`wagtail_hooks.EnquiryIndexView`).
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
