"""The small, editable list of topics resources are filed under."""

from django.db import models
from wagtail.admin.panels import FieldPanel


class Topic(models.Model):
    name = models.CharField(
        max_length=60,
        unique=True,
        help_text="The topic as visitors see it in the filter, for example "
        "'Perinatal mental health'.",
    )
    slug = models.SlugField(
        max_length=60,
        unique=True,
        help_text="Used in filter web addresses (…?topic=feeding). Lower case letters, numbers "
        "and hyphens. Changing it breaks links people have shared.",
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0,
        help_text="Topics are listed in this order, lowest first.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def phrase(self) -> str:
        """The name as it reads mid-sentence: 'about perinatal mental health'."""
        name = self.name
        if len(name) > 1 and name[1].islower():
            return name[0].lower() + name[1:]
        return name
