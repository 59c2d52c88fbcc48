from django.apps import AppConfig


def purge_edge_cache(**kwargs: object) -> None:
    """``caching.edge.purge_edge_cache``, imported on first use: that module loads Wagtail's CDN
    backends (and with them `requests`), which a web worker needs only after a change."""
    from caching.edge import purge_edge_cache as purge

    purge(**kwargs)


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "Page cache"

    def ready(self) -> None:
        from caching.generation import bump_generation
        from caching.invalidation import connect_receivers
        from caching.page_files import follow_generation
        from caching.signals import content_changed

        content_changed.connect(bump_generation, dispatch_uid="caching.bump_generation")
        # Right after the generation moved, before the edge is purged (caching/page_files.py).
        content_changed.connect(follow_generation, dispatch_uid="caching.follow_generation")
        connect_receivers()
        # After the origin's invalidation, so the edge refetches fresh pages.
        content_changed.connect(purge_edge_cache, dispatch_uid="caching.purge_edge_cache")
