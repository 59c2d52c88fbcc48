"""The body's image block keeps its caption and uses Wagtail's own ImageBlock (image, alt text,
decorative) for the rest. Stored values, in pages and in every revision, move from
{image, alt_text, decorative, caption} to {image: {image, alt_text, decorative}, caption}; the
reverse moves them back."""

import wagtail.fields
from django.db import migrations
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.migrations.operations import BaseBlockOperation


# The body StreamBlock as of this migration (the same for both page types).
BODY_CHILDREN = [
    ("heading", 2),
    ("rich_text", 3),
    ("inset_text", 5),
    ("care_card", 9),
    ("tips", 14),
    ("details", 17),
    ("quote", 21),
    ("image", 24),
    ("video", 28),
    ("resource_list", 34),
    ("poster_list", 38),
]
BODY_BLOCK_LOOKUP = {
    0: (
        "wagtail.blocks.CharBlock",
        (),
        {
            "help_text": "A short heading that says what this part of the page is about.",
            "max_length": 120,
        },
    ),
    1: (
        "wagtail.blocks.ChoiceBlock",
        [],
        {
            "choices": [("h2", "Main heading (h2)"), ("h3", "Sub-heading (h3)")],
            "help_text": "Main headings appear in the 'On this page' list. Use sub-headings inside a main heading's section.",
        },
    ),
    2: ("wagtail.blocks.StructBlock", [[("text", 0), ("level", 1)]], {}),
    3: (
        "wagtail.blocks.RichTextBlock",
        (),
        {
            "description": "Paragraphs of text with links and bulleted or numbered lists.",
            "features": ["bold", "italic", "link", "document-link", "ol", "ul"],
            "help_text": "Paragraphs, bold, links and lists. Use a Heading block for headings.",
            "icon": "pilcrow",
            "label": "Text",
            "preview_template": "components/blocks/block_preview.html",
            "preview_value": "<p>Babies have lots of strong feelings, just like adults. When they are upset, they need you to help them calm down.</p>",
            "template": "components/blocks/rich_text.html",
        },
    ),
    4: (
        "wagtail.blocks.RichTextBlock",
        (),
        {
            "features": ["bold", "italic", "link", "document-link", "ol", "ul"],
            "help_text": "A short piece of text that needs to stand out from the rest.",
        },
    ),
    5: ("wagtail.blocks.StructBlock", [[("text", 4)]], {}),
    6: (
        "wagtail.blocks.ChoiceBlock",
        [],
        {
            "choices": [
                ("emergency", "Emergency: call 999 or go to A&E"),
                ("urgent", "Urgent: ask for help today"),
                ("non_urgent", "Not urgent: speak to someone"),
            ],
            "help_text": "How urgent the advice is. Sets the colour, after NHS.UK care cards.",
        },
    ),
    7: (
        "wagtail.blocks.CharBlock",
        (),
        {
            "help_text": "Say when to act, for example 'Call 999 if your baby…'.",
            "max_length": 120,
        },
    ),
    8: (
        "wagtail.blocks.RichTextBlock",
        (),
        {
            "features": ["bold", "italic", "link", "document-link", "ol", "ul"],
            "help_text": "What to do. Put phone numbers in full.",
        },
    ),
    9: (
        "wagtail.blocks.StructBlock",
        [[("level", 6), ("heading", 7), ("body", 8)]],
        {},
    ),
    10: (
        "wagtail.blocks.CharBlock",
        (),
        {"help_text": "For example 'Ideas to help you bond'.", "max_length": 120},
    ),
    11: (
        "wagtail.blocks.TextBlock",
        (),
        {"help_text": "Optional sentence introducing the tips.", "required": False},
    ),
    12: (
        "wagtail.blocks.RichTextBlock",
        (),
        {
            "features": ["bold", "italic", "link", "document-link", "ol", "ul"],
            "help_text": "One tip, in one or two short sentences.",
        },
    ),
    13: (
        "wagtail.blocks.ListBlock",
        (12,),
        {
            "help_text": "The tips, one per item, in the order to show them.",
            "min_num": 1,
        },
    ),
    14: (
        "wagtail.blocks.StructBlock",
        [[("heading", 10), ("intro", 11), ("items", 13)]],
        {},
    ),
    15: (
        "wagtail.blocks.CharBlock",
        (),
        {
            "help_text": "The link text people click to show more, e.g. 'What is…'.",
            "max_length": 120,
        },
    ),
    16: (
        "wagtail.blocks.RichTextBlock",
        (),
        {
            "features": ["bold", "italic", "link", "document-link", "ol", "ul"],
            "help_text": "The text shown when someone opens it.",
        },
    ),
    17: ("wagtail.blocks.StructBlock", [[("summary", 15), ("body", 16)]], {}),
    18: (
        "wagtail.blocks.TextBlock",
        (),
        {"help_text": "The person's words, exactly as they agreed to share them."},
    ),
    19: (
        "wagtail.blocks.CharBlock",
        (),
        {
            "help_text": "Who said it, without a full name unless they agreed, e.g. 'A local parent'.",
            "max_length": 120,
            "required": False,
        },
    ),
    20: (
        "wagtail.blocks.DateBlock",
        (),
        {
            "help_text": "The date the person agreed to their words being published. Not shown on the site; keep it so you can check consent later.",
            "required": False,
        },
    ),
    21: (
        "wagtail.blocks.StructBlock",
        [[("quote", 18), ("attribution", 19), ("consent_date", 20)]],
        {},
    ),
    22: (
        "wagtail.images.blocks.ImageBlock",
        [],
        {
            "help_text": "Choose or upload an image (JPEG, PNG or WebP). Describe what it shows for people who cannot see it, or tick 'decorative' if it adds nothing to the text."
        },
    ),
    23: (
        "wagtail.blocks.CharBlock",
        (),
        {
            "help_text": "Optional caption shown under the image.",
            "max_length": 250,
            "required": False,
        },
    ),
    24: ("wagtail.blocks.StructBlock", [[("image", 22), ("caption", 23)]], {}),
    25: (
        "wagtail.blocks.CharBlock",
        (),
        {"help_text": "What the video is about, as link text.", "max_length": 150},
    ),
    26: (
        "wagtail.blocks.URLBlock",
        (),
        {
            "help_text": "The YouTube or Vimeo address. It plays from a privacy-enhanced player, and only when someone chooses to play it."
        },
    ),
    27: (
        "wagtail.blocks.RichTextBlock",
        (),
        {
            "features": ["bold", "italic", "link", "document-link", "ol", "ul"],
            "help_text": "A transcript or full description of the video, for people who cannot watch or hear it.",
        },
    ),
    28: (
        "wagtail.blocks.StructBlock",
        [[("title", 25), ("url", 26), ("transcript", 27)]],
        {},
    ),
    29: (
        "wagtail.blocks.CharBlock",
        (),
        {
            "help_text": "Optional heading shown above the list (a main heading, h2).",
            "max_length": 120,
            "required": False,
        },
    ),
    30: (
        "wagtail.snippets.blocks.SnippetChooserBlock",
        ("resources.ResourceLink",),
        {},
    ),
    31: (
        "wagtail.blocks.ListBlock",
        (30,),
        {
            "default": [],
            "help_text": "Choose links to show, in this order. Leave empty to use the filter below instead. Drafts and links without a web address are never shown.",
            "label": "Chosen links",
        },
    ),
    32: (
        "wagtail.blocks.ChoiceBlock",
        [],
        {
            "choices": [
                ("parents", "Parents and carers (includes items for both)"),
                ("professionals", "Professionals (includes items for both)"),
            ],
            "help_text": "Show every published link for this audience. Leave empty for all audiences.",
            "required": False,
        },
    ),
    33: (
        "wagtail.snippets.blocks.SnippetChooserBlock",
        ("resources.Topic",),
        {
            "help_text": "Show only links about this topic. Leave empty for all topics.",
            "required": False,
        },
    ),
    34: (
        "wagtail.blocks.StructBlock",
        [[("heading", 29), ("resources", 31), ("audience", 32), ("topic", 33)]],
        {},
    ),
    35: ("wagtail.snippets.blocks.SnippetChooserBlock", ("resources.Poster",), {}),
    36: (
        "wagtail.blocks.ListBlock",
        (35,),
        {
            "default": [],
            "help_text": "Choose posters to show, in this order. Leave empty to show every published poster for the audience below. Drafts are never shown.",
            "label": "Chosen posters",
        },
    ),
    37: (
        "wagtail.blocks.ChoiceBlock",
        [],
        {
            "choices": [
                ("parents", "Parents and carers (includes items for both)"),
                ("professionals", "Professionals (includes items for both)"),
            ],
            "help_text": "Show every published poster for this audience. Leave empty for all audiences.",
            "required": False,
        },
    ),
    38: (
        "wagtail.blocks.StructBlock",
        [[("heading", 29), ("posters", 36), ("audience", 37)]],
        {},
    ),
}


class IntoWagtailImageBlock(BaseBlockOperation):
    operation_name_fragment = "into_wagtail_image_block"

    def apply(self, block_value):
        if isinstance(block_value.get("image"), dict):
            return block_value  # already converted
        decorative = bool(block_value.get("decorative"))
        return {
            "image": {
                "image": block_value.get("image"),
                "decorative": decorative,
                "alt_text": "" if decorative else block_value.get("alt_text") or "",
            },
            "caption": block_value.get("caption") or "",
        }


class OutOfWagtailImageBlock(BaseBlockOperation):
    operation_name_fragment = "out_of_wagtail_image_block"

    def apply(self, block_value):
        image = block_value.get("image")
        if not isinstance(image, dict):
            return block_value  # never converted
        return {
            "image": image.get("image"),
            "alt_text": image.get("alt_text") or "",
            "decorative": bool(image.get("decorative")),
            "caption": block_value.get("caption") or "",
        }


def convert_image_blocks(model_name: str) -> MigrateStreamData:
    forward, backward = (
        MigrateStreamData("pages", model_name, "body", [(operation, "image")])
        for operation in (IntoWagtailImageBlock(), OutOfWagtailImageBlock())
    )
    forward.reverse_code = backward.migrate_stream_data_forward
    return forward


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0006_service_names"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="contentpage",
            name="body",
            field=wagtail.fields.StreamField(
                BODY_CHILDREN,
                block_lookup=BODY_BLOCK_LOOKUP,
                help_text="The page's content. Start sections with a Heading block; main headings "
                "make the 'On this page' list.",
            ),
        ),
        migrations.AlterField(
            model_name="sectionlandingpage",
            name="body",
            field=wagtail.fields.StreamField(
                BODY_CHILDREN,
                blank=True,
                block_lookup=BODY_BLOCK_LOOKUP,
                help_text="Optional content shown below the list of pages.",
            ),
        ),
        convert_image_blocks("ContentPage"),
        convert_image_blocks("SectionLandingPage"),
    ]
