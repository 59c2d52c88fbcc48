"""The one curated body StreamBlock every content page uses.

Block names and value shapes are a contract: seed data and other apps build on them.
Each block has an icon, a label, help text, its own template in `components/blocks/`, and a
preview value and description so the block picker shows what it looks like. A block whose
heading opens a section mixes in `OpensSection`, which puts it in the "On this page" list.

Adding a block touches three files: its class here (and its line in `BodyStreamBlock`), its
template, and the migration `makemigrations pages` writes. Its spacing comes from the
`.app-body__block` wrapper, and the block tests loop over `BodyStreamBlock.child_blocks`.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

from pages.contact_details import CONTACT_DETAIL_CHOICES, contact_details
from pages.listing_registry import listing_choices, registered_listing
from pages.rich_text import RICH_TEXT_FEATURES
from pages.table_of_contents import OpensSection
from pages.video_urls import ALLOWED_HOSTS_MESSAGE, video_addresses
from resources.blocks import PosterListBlock, ResourceListBlock

PREVIEW_TEMPLATE = "components/blocks/block_preview.html"


def _rich_text(**kwargs) -> blocks.RichTextBlock:
    return blocks.RichTextBlock(features=RICH_TEXT_FEATURES, **kwargs)


class HeadingBlock(OpensSection):
    anchor_field = "text"

    text = blocks.CharBlock(
        max_length=120,
        help_text="A short heading that says what this part of the page is about.",
    )
    level = blocks.ChoiceBlock(
        choices=[("h2", "Main heading (h2)"), ("h3", "Sub-heading (h3)")],
        default="h2",
        help_text="Main headings appear in the 'On this page' list. Use sub-headings inside a "
        "main heading's section.",
    )

    class Meta:
        icon = "title"
        label = "Heading"
        template = "components/blocks/heading.html"
        help_text = "Split long pages into sections. Main headings build the contents list."
        description = "A section heading; main headings are listed under 'On this page'."
        preview_value = {"text": "Talking and singing with your baby", "level": "h2"}
        preview_template = PREVIEW_TEMPLATE

    def listed_in_contents(self, value) -> bool:
        return value.get("level", "h2") == "h2"


class InsetTextBlock(blocks.StructBlock):
    text = _rich_text(help_text="A short piece of text that needs to stand out from the rest.")

    class Meta:
        icon = "openquote"
        label = "Inset text"
        template = "components/blocks/inset_text.html"
        help_text = "Use sparingly, for one thing people must not miss."
        description = "Text set apart with a coloured border, to make one point stand out."
        preview_value = {
            "text": "<p>You can always get help from your midwife, health visitor or "
            "children's centre.</p>"
        }
        preview_template = PREVIEW_TEMPLATE


class CareCardBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(
        choices=[
            ("emergency", "Emergency: call 999 or go to A&E"),
            ("urgent", "Urgent: ask for help today"),
            ("non_urgent", "Not urgent: speak to someone"),
        ],
        default="urgent",
        help_text="How urgent the advice is. Sets the colour, after NHS.UK care cards.",
    )
    heading = blocks.CharBlock(
        max_length=120, help_text="Say when to act, for example 'Call 999 if your baby…'."
    )
    body = _rich_text(help_text="What to do. Put phone numbers in full.")

    class Meta:
        icon = "warning"
        label = "Care card (urgent help)"
        template = "components/blocks/care_card.html"
        help_text = "Tells people when and where to get help, after NHS.UK care cards."
        description = "An NHS-style card saying when and where to get help: emergency, urgent "
        "or not urgent."
        preview_value = {
            "level": "urgent",
            "heading": "Ask for help today if you are struggling to cope",
            "body": "<p>Call NHS 111 and choose the mental health option.</p>",
        }
        preview_template = PREVIEW_TEMPLATE


class TipsBlock(OpensSection):
    heading = blocks.CharBlock(max_length=120, help_text="For example 'Ideas to help you bond'.")
    intro = blocks.TextBlock(required=False, help_text="Optional sentence introducing the tips.")
    items = blocks.ListBlock(
        _rich_text(help_text="One tip, in one or two short sentences."),
        min_num=1,
        help_text="The tips, one per item, in the order to show them.",
    )

    class Meta:
        icon = "list-ul"
        label = "Tips list"
        template = "components/blocks/tips.html"
        help_text = "A list of practical tips with tick markers."
        description = "A heading and a list of practical tips, each with a tick."
        preview_value = {
            "heading": "Ideas to help you bond with your baby",
            "intro": "Here are some ideas.",
            "items": [
                "<p>Remember that all babies are different. You know your baby best.</p>",
                "<p>Sharing books and rhymes is a great way to bond.</p>",
            ],
        }
        preview_template = PREVIEW_TEMPLATE


class DetailsBlock(blocks.StructBlock):
    summary = blocks.CharBlock(
        max_length=120, help_text="The link text people click to show more, e.g. 'What is…'."
    )
    body = _rich_text(help_text="The text shown when someone opens it.")

    class Meta:
        icon = "collapse-down"
        label = "Details (expander)"
        template = "components/blocks/details.html"
        help_text = "Hides extra detail most readers do not need, behind a link they can open."
        description = "A link that opens to show more detail. Works without JavaScript."
        preview_value = {
            "summary": "What is perinatal mental health?",
            "body": "<p>Mental health during pregnancy and in the first year after birth.</p>",
        }
        preview_template = PREVIEW_TEMPLATE


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The person's words, exactly as they agreed to share them.")
    attribution = blocks.CharBlock(
        max_length=120,
        required=False,
        help_text="Who said it, without a full name unless they agreed, e.g. 'A local parent'.",
    )
    consent_date = blocks.DateBlock(
        required=False,
        help_text="The date the person agreed to their words being published. Not shown on "
        "the site; keep it so you can check consent later.",
    )

    class Meta:
        icon = "openquote"
        label = "Quote or testimonial"
        template = "components/blocks/quote.html"
        help_text = "What someone said, with their consent."
        description = "A quotation from a parent or professional, with who said it."
        preview_value = {
            "quote": "It helped me build confidence and make friends.",
            "attribution": "A parent who came to an Understanding your baby group",
            "consent_date": datetime.date(2025, 1, 1),
        }
        preview_template = PREVIEW_TEMPLATE


class FigureBlock(blocks.StructBlock):
    """Wagtail's own ImageBlock (image, alt text or 'decorative', validated by Wagtail) with an
    optional caption."""

    image = ImageBlock(
        help_text="Choose or upload an image (JPEG, PNG or WebP). Describe what it shows for "
        "people who cannot see it, or tick 'decorative' if it adds nothing to the text."
    )
    caption = blocks.CharBlock(
        max_length=250, required=False, help_text="Optional caption shown under the image."
    )

    class Meta:
        icon = "image"
        label = "Image"
        template = "components/blocks/image.html"
        help_text = "An image with alternative text, or marked decorative."
        description = "A picture, sized for phones, with alternative text and an optional caption."
        preview_template = PREVIEW_TEMPLATE


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=150, help_text="What the video is about, as link text.")
    url = blocks.URLBlock(
        help_text="The YouTube or Vimeo address. It plays from a privacy-enhanced player, and "
        "only when someone chooses to play it.",
    )
    transcript = _rich_text(
        help_text="A transcript or full description of the video, for people who cannot watch "
        "or hear it."
    )

    class Meta:
        icon = "media"
        label = "Video"
        template = "components/blocks/video.html"
        help_text = "A video that loads only when someone chooses to play it, with a transcript."
        description = "A click-to-load YouTube or Vimeo video with its transcript."
        preview_value = {
            "title": "Getting to know your baby",
            "url": "https://www.youtube.com/watch?v=aaaaaaaaaaa",
            "transcript": "<p>A health visitor explains how babies show what they need.</p>",
        }
        preview_template = PREVIEW_TEMPLATE

    def clean(self, value):
        value = super().clean(value)
        if value.get("url") and video_addresses(value["url"]) is None:
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(ALLOWED_HOSTS_MESSAGE)}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        addresses = video_addresses(value.get("url") or "")
        context["watch_url"] = addresses.watch_url if addresses else value.get("url", "")
        context["embed_url"] = addresses.embed_url if addresses else ""
        context["provider"] = addresses.provider if addresses else ""
        return context


class ContactDetailsBlock(blocks.StructBlock):
    """The team's contact details as Settings > Service settings holds them when the page is
    shown: change the inbox or phone number there and every page follows."""

    intro = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text="Optional sentence before the details, for example 'To book training, contact "
        "the team:'.",
    )
    details = blocks.MultipleChoiceBlock(
        choices=CONTACT_DETAIL_CHOICES,
        default=["email"],
        widget=forms.CheckboxSelectMultiple,
        help_text="Which details to show. They come from Settings › Service settings; a detail "
        "left empty there (such as the phone number) is not shown.",
    )

    class Meta:
        icon = "mail"
        label = "Contact details"
        template = "components/blocks/contact_details.html"
        help_text = "The team's email address, phone number or out-of-hours notice, always up "
        "to date: never type them into text."
        description = "The infant mental health team's contact details, from Service settings."
        preview_value = {
            "intro": "To find out more, contact the team:",
            "details": ["name", "email"],
        }
        preview_template = PREVIEW_TEMPLATE

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["contact"] = contact_details(request, value.get("details") or [])
        return context


class ListingChoiceBlock(blocks.ChoiceBlock):
    """A choice of the listings other apps registered (`pages.listing_registry`), read when the
    form is shown. It is frozen into migrations without its choices: they belong to apps that
    `pages` must not depend on, and change when such an app registers a listing."""

    def __init__(self, **kwargs):
        super().__init__(choices=listing_choices, **kwargs)

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        return path, args, {**kwargs, "choices": []}


class ListingBlock(OpensSection):
    """A heading and an up-to-date list from another part of the site (for example the upcoming
    group sessions), rendered by the template the listing's app registered."""

    heading = blocks.CharBlock(
        max_length=120,
        help_text="A main heading (h2) above the list, for example 'Upcoming sessions'. It "
        "appears in the 'On this page' list.",
    )
    listing = ListingChoiceBlock(
        help_text="What to list. The list is always up to date: it changes by itself when the "
        "items do, with no need to edit this page."
    )

    class Meta:
        icon = "list-ol"
        label = "Up-to-date list"
        template = "components/blocks/listing.html"
        help_text = "Shows a list kept elsewhere on the site, such as upcoming group sessions."
        description = "A heading and a list that updates itself, such as upcoming group sessions."
        preview_value = {"heading": "Upcoming sessions"}
        preview_template = PREVIEW_TEMPLATE

    def get_preview_value(self):
        value = dict(self.meta.preview_value)
        choices = listing_choices()
        value["listing"] = choices[0][0] if choices else ""
        return self.normalize(value)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["listing"] = registered_listing(value.get("listing") or "")
        context["request"] = (parent_context or {}).get("request")
        return context


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label="Text",
        template="components/blocks/rich_text.html",
        help_text="Paragraphs, bold, links and lists. Use a Heading block for headings.",
        description="Paragraphs of text with links and bulleted or numbered lists.",
        preview_value=(
            "<p>Babies have lots of strong feelings, just like adults. When they are upset, "
            "they need you to help them calm down.</p>"
        ),
        preview_template=PREVIEW_TEMPLATE,
    )
    inset_text = InsetTextBlock()
    care_card = CareCardBlock()
    tips = TipsBlock()
    details = DetailsBlock()
    quote = QuoteBlock()
    image = FigureBlock()
    video = VideoBlock()
    resource_list = ResourceListBlock()
    poster_list = PosterListBlock()
    contact_details = ContactDetailsBlock()
    listing = ListingBlock()
