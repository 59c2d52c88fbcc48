"""Test factories shared by every area, one section per app."""

import factory
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from resources.choices import Audience
from resources.models import Poster, ResourceLink, Topic
from resources.poster_pdfs import PosterContent, render_poster_pdf

# --- Resources and posters (resources app) ---------------------------------------------------


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ResourceLinkFactory(factory.django.DjangoModelFactory):
    """A published useful link. Pass `topics=[...]` to file it under topics."""

    class Meta:
        model = ResourceLink
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Resource {n}")
    organisation = "Example organisation"
    url = factory.Sequence(lambda n: f"https://example.org/resource-{n}/")
    audience = Audience.BOTH
    summary = "What the visitor will find there."
    live = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
            self.save()


def sample_poster_pdf(heading: str = "Cuddles help your baby feel safe") -> bytes:
    content = PosterContent(
        heading=heading,
        paragraphs=("Help your baby to calm down when they are upset.",),
        site_address="infant-mh.example.org",
    )
    return render_poster_pdf(content)


class PosterDocumentFactory(factory.django.DjangoModelFactory):
    """A Wagtail document holding a real one-page A4 PDF."""

    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"Poster PDF {n}")
    file = factory.LazyAttribute(
        lambda o: ContentFile(sample_poster_pdf(o.title), name="poster.pdf")
    )


class PosterFactory(factory.django.DjangoModelFactory):
    """A published poster with a real PDF; saving it makes the preview."""

    class Meta:
        model = Poster

    title = factory.Sequence(lambda n: f"Poster {n}")
    summary = "What the poster is about."
    audience = Audience.PARENTS
    document = factory.SubFactory(PosterDocumentFactory)
    plain_text = "The words on the poster."
    live = True
