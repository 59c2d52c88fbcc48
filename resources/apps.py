from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Resources and posters"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.images import get_image_model

        from resources.models import Poster
        from resources.tasks import image_saved, poster_saved, rendition_deleted

        image_model = get_image_model()
        # Renditions are made by the task worker when an image or a poster is saved.
        post_save.connect(image_saved, sender=image_model, dispatch_uid="resources.image_saved")
        post_delete.connect(
            rendition_deleted,
            sender=image_model.get_rendition_model(),
            dispatch_uid="resources.rendition_deleted",
        )
        post_save.connect(poster_saved, sender=Poster, dispatch_uid="resources.poster_saved")
