"""The accessibility statement for /accessibility/, in the GDS model statement's wording and order.

The body is a list of ``(block_name, value)`` tuples for the curated body StreamBlock, using only
``heading`` and ``rich_text`` blocks. What it says about testing describes the browser test suite
in ``tests/browser/``: keep the two in step when either changes.
"""

PREPARED_ON = "26 November 2026"
LAST_REVIEWED_ON = "26 November 2026"
CONTACT_EMAIL = "infantmentalhealth@northlincs.gov.uk"
SITE_NAME = "North Lincolnshire Council's infant mental health website"


def _heading(text: str, level: str = "h2") -> tuple[str, dict[str, str]]:
    return ("heading", {"text": text, "level": level})


def _text(html: str) -> tuple[str, str]:
    return ("rich_text", html)


ACCESSIBILITY_STATEMENT_BODY: list[tuple[str, object]] = [
    _heading(f"Accessibility statement for {SITE_NAME}"),
    _text(
        "<p>This accessibility statement applies to the infant mental health website run by "
        "North Lincolnshire Council. It covers the information for parents and carers, the "
        "information for professionals, the Babies First posters, the useful links, the search "
        "and the contact form.</p>"
        "<p>We want as many people as possible to be able to use this website. For example, "
        "that means you should be able to:</p>"
        "<ul>"
        "<li>change colours, contrast levels and fonts using browser or device settings</li>"
        "<li>zoom in up to 400% without the text spilling off the screen</li>"
        "<li>navigate most of the website using just a keyboard or speech recognition "
        "software</li>"
        "<li>listen to most of the website using a screen reader (including the most recent "
        "versions of JAWS, NVDA and VoiceOver)</li>"
        "<li>use the website on a phone as small as 320 pixels wide without scrolling "
        "sideways</li>"
        "<li>use every page, including the contact form, with JavaScript switched off</li>"
        "</ul>"
        "<p>We've also made the website text as simple as possible to understand.</p>"
        '<p><a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making your '
        "device easier to use if you have a disability.</p>"
    ),
    _heading("How accessible this website is"),
    _text(
        "<p>We believe every page of this website meets the Web Content Accessibility "
        "Guidelines version 2.2 at level AA.</p>"
        "<p>We know some documents are not fully accessible:</p>"
        "<ul>"
        "<li>the Babies First poster PDFs are pictures of text, so screen readers cannot read "
        "them; the same words are on the web page beside each poster</li>"
        "<li>some links go to other organisations' websites, which we do not control and which "
        "may be less accessible than this one</li>"
        "</ul>"
    ),
    _heading("Feedback and contact information"),
    _text(
        "<p>If you need information on this website in a different format like accessible PDF, "
        "large print, easy read, audio recording or braille, email "
        f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a> or use our '
        '<a href="/contact/">contact form</a>.</p>'
        "<p>We'll consider your request and get back to you within 5 working days.</p>"
    ),
    _heading("Reporting accessibility problems with this website"),
    _text(
        "<p>We're always looking to improve the accessibility of this website. If you find any "
        "problems not listed on this page or think we're not meeting accessibility "
        f'requirements, email <a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>.</p>'
    ),
    _heading("Enforcement procedure"),
    _text(
        "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing the "
        "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
        "Regulations 2018 (the 'accessibility regulations'). If you're not happy with how we "
        "respond to your complaint, "
        '<a href="https://www.equalityadvisoryservice.com/">contact the Equality Advisory and '
        "Support Service (EASS)</a>.</p>"
    ),
    _heading("Technical information about this website's accessibility"),
    _text(
        "<p>North Lincolnshire Council is committed to making its website accessible, in "
        "accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
        "Accessibility Regulations 2018.</p>"
    ),
    _heading("Compliance status", "h3"),
    _text(
        "<p>This website is fully compliant with the "
        '<a href="https://www.w3.org/TR/WCAG22/">Web Content Accessibility Guidelines version '
        "2.2</a> AA standard.</p>"
    ),
    _heading("Non-accessible content", "h3"),
    _text(
        "<p>The content listed below is non-accessible for the following reasons.</p>"
        "<p>The Babies First poster PDFs are designed to be printed and put on a wall. Each PDF "
        "is a picture of the poster, so its text cannot be read by a screen reader or "
        "resized. This does not stop anyone getting the information: the poster page gives the "
        "same words as plain text beside each download, with the file's format and size.</p>"
        "<p>Some pages link to other organisations' websites and documents, such as NHS and "
        "UNICEF leaflets. We are not responsible for how accessible they are, and we tell you "
        "when a link goes to another website.</p>"
    ),
    _heading("What we're doing to improve accessibility"),
    _text(
        "<p>Every change to this website is checked by the automated accessibility tests "
        "described below before it is published. Editors see an accessibility checker when "
        "they preview a page, which also warns them about link text such as 'click here' and "
        "about document links that do not say the file's format and size.</p>"
        "<p>When we add new posters we will give their text on the web page as well as in the "
        "PDF.</p>"
    ),
    _heading("Preparation of this accessibility statement"),
    _text(
        f"<p>This statement was prepared on {PREPARED_ON}. It was last reviewed on "
        f"{LAST_REVIEWED_ON}.</p>"
        f"<p>This website was last tested on {PREPARED_ON}. The test was carried out by the "
        "development team.</p>"
        "<p>We tested every type of page: the home page, the pages for parents and for "
        "professionals, a topic page, the posters, the useful links with a filter applied, "
        "search results and an empty search, the contact form (empty, with errors and after "
        "sending), this statement and the 'page not found' page. We tested them:</p>"
        "<ul>"
        "<li>with automated axe-core checks for WCAG 2.0, 2.1 and 2.2 levels A and AA, in "
        "headless Chromium, at screen widths of 320 and 1280 pixels</li>"
        "<li>for sideways scrolling at 320 pixels, text made twice as large, and the size of "
        "links and buttons</li>"
        "<li>with a keyboard only, checking that every link, button and form field shows where "
        "the focus is and that errors in the contact form are announced</li>"
        "<li>with JavaScript switched off</li>"
        "<li>when printed</li>"
        "</ul>"
        "<p>These tests run automatically every time the website is changed.</p>"
    ),
]
