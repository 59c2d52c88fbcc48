"""The page cache and everything that keeps it exact (see README: Caching).

The bottom layer: it imports no other app of this project. Apps tell it what they know:
``signals.content_changed`` when public content changes (sent by the receivers in
``invalidation``), and ``lifetime.cache_until`` when a response will go stale at a known time.
"""
