from django.apps import AppConfig


class GroupsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "groups"
    verbose_name = "Group sessions"

    def ready(self) -> None:
        # Imported here, as Django's app-loading idiom: pages' registry is filled once apps load.
        from groups.listing import register_group_listings

        register_group_listings()
