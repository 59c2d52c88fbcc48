"""Signals of the caching layer."""

from django.dispatch import Signal

# Sent once, after the transaction commits, whenever anything a public page may show has changed
# (a page published, unpublished, moved or deleted; a snippet, setting, image or document saved or
# deleted). Receivers purge what they hold: the origin page cache, the edge cache or CDN.
content_changed = Signal()
