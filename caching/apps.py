from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "Page cache"

    def ready(self) -> None:
        from caching.edge import purge_edge_cache
        from caching.generation import bump_generation
        from caching.invalidation import connect_receivers
        from caching.signals import content_changed

        content_changed.connect(bump_generation, dispatch_uid="caching.bump_generation")
        connect_receivers()
        # After the origin's invalidation, so the edge refetches fresh pages.
        content_changed.connect(purge_edge_cache, dispatch_uid="caching.purge_edge_cache")
