"""Pages directly under the home page besides the two sections: posters, useful links, contact,
search, and the accessibility statement, privacy notice and cookies page."""

from __future__ import annotations

from pages.seed import links
from pages.seed.spec import PageSpec, bullets, email_link, h2, link, paras, text

POSTERS = PageSpec(
    model="pages.PosterLibraryPage",
    slug="posters",
    title="Babies First posters",
    summary="Download our Babies First posters about bonding and early communication with "
    "your baby.",
    show_in_menus=True,
    fields={
        "intro": paras(
            "Our Babies First posters sum up ways you can bond with your baby, and promote "
            "early relationships and communication. They were trialled with parents while they "
            "were being developed, to make sure the messages are clear and understandable.",
            "Please feel free to download and share within your organisation.",
            "There is also a summary in your child's personal health record (the 'red book').",
            "If you need a poster in another format, such as large print, easy read, audio or "
            f"another language, email {email_link(links.INBOX)}. Tell us which poster and the "
            "format you need.",
        )
    },
)

USEFUL_LINKS = PageSpec(
    model="pages.ResourceIndexPage",
    slug="useful-links",
    title="Useful links",
    summary="Trusted websites, leaflets and reports about infant mental health, for parents "
    "and professionals.",
    show_in_menus=True,
    fields={
        "intro": paras(
            "Websites, leaflets and reports from other organisations. Choose who you are and a "
            "topic to narrow the list. These links go to other websites; we are not responsible "
            "for their content."
        )
    },
)

CONTACT = PageSpec(
    model="enquiries.ContactPage",
    slug="contact",
    title="Contact us",
    summary="Email the infant mental health team about groups, training, posters or this website.",
    show_in_menus=True,
    fields={
        "intro": paras(
            "Use this form to ask the infant mental health team a question, book or ask about "
            "Solihull Approach training or \u201cUnderstanding your baby\u201d groups, order "
            "Babies First posters, or tell us what you think of this website."
        ),
        "privacy_summary": paras(
            "We only use what you send us to answer your message. It goes to the infant mental "
            "health team at North Lincolnshire Council and nobody else."
        ),
        "what_happens_next": paras(
            "Your message has gone to the infant mental health team. We will also send you an "
            "email to confirm it arrived.",
            "Someone from the team will reply by email, or by phone if you asked us to call you. "
            "We read messages during office hours only, not in the evening, at weekends or on "
            "bank holidays.",
        ),
    },
)

SEARCH = PageSpec(
    model="pages.SearchPage",
    slug="search",
    title="Search",
    summary="Search this website's pages, useful links and posters.",
    fields={
        "intro": paras(
            "Type a word or two about what you are looking for, for example \u2018crying\u2019, "
            "\u2018bonding\u2019, \u2018training\u2019 or \u2018posters\u2019."
        )
    },
)

PRIVACY = PageSpec(
    model="pages.ContentPage",
    slug="privacy",
    title="Privacy notice",
    summary="How North Lincolnshire Council uses the information you send through this "
    "website's contact form.",
    body=[
        h2("Who we are"),
        text(
            "North Lincolnshire Council is the data controller for the information you give us "
            "through this website. The infant mental health team uses it to answer you.",
            "You can contact the council's data protection officer through the council's "
            "website, or email the team at " + email_link(links.INBOX) + ".",
        ),
        h2("What we collect"),
        bullets(
            "your name",
            "your email address, and your phone number if you choose to give it",
            "what your enquiry is about, and your message",
            "whether you are a parent or carer, or a professional",
            "the date and time you sent it",
            intro="When you use the contact form we collect:",
        ),
        text(
            "Please do not include health details about you or your baby that we do not need to "
            "answer your question."
        ),
        h2("Why we use it"),
        text(
            "We use your information only to answer your enquiry, for example about "
            "\u2018Understanding your baby\u2019 groups, Solihull Approach training, Babies "
            "First posters or this website.",
            "Our lawful basis is public task (UK GDPR Article 6(1)(e)): supporting the health "
            "and wellbeing of babies and families is part of the council's public health role.",
        ),
        h2("Who sees it"),
        text(
            "Your enquiry goes to the infant mental health team's inbox and is stored in the "
            "website's secure admin, which only authorised council staff can see.",
            "We will only share it with another service, such as your health visitor or family "
            "hub, if you ask us to or if we must do so to keep a child or adult safe.",
            "We do not sell your information or use it for marketing.",
        ),
        h2("How long we keep it"),
        text(
            "We keep contact form enquiries for 365 days (one year) from the date you send "
            "them, then delete them."
        ),
        h2("Your rights"),
        bullets(
            "ask for a copy of the information we hold about you",
            "ask us to correct it if it is wrong",
            "ask us to delete it, or to limit how we use it",
            "object to us using it",
            intro="You have the right to:",
        ),
        text(
            f"To use any of these rights, email {email_link(links.INBOX)} or contact the "
            "council's data protection officer."
        ),
        h2("How to complain"),
        text(
            "If you are unhappy with how we have used your information, please tell us first.",
            "You can also complain to the Information Commissioner's Office (ICO): visit "
            f"{link(links.ICO, 'ico.org.uk')} or call 0303 123 1113.",
        ),
    ],
)

COOKIES = PageSpec(
    model="pages.ContentPage",
    slug="cookies",
    title="Cookies",
    summary="This website sets no advertising, tracking or analytics cookies.",
    body=[
        h2("What cookies are"),
        text("Cookies are small files that websites put on your phone, tablet or computer."),
        h2("Cookies on this website"),
        text(
            "The public pages of this website set no non-essential cookies. We do not use "
            "analytics, advertising or tracking cookies, and we do not embed anything that sets "
            "them. Videos only load from a privacy-enhanced player if you choose to play them.",
        ),
        h2("Essential cookie on the contact form"),
        text(
            "When you use the contact form, the website sets one essential security cookie, "
            "called csrftoken. It stops other websites sending messages pretending to be you. "
            "It contains no personal information and expires after a year.",
            "Essential cookies do not need your consent, so we do not show a cookie banner.",
        ),
        h2("Cookies for council staff"),
        text(
            "Council staff who sign in to manage this website get session cookies that keep "
            "them signed in. Visitors to the public website never get these."
        ),
    ],
)


def accessibility_spec() -> PageSpec:
    """The accessibility statement, its body written by the accessibility work."""
    from pages.seed.accessibility_statement import ACCESSIBILITY_STATEMENT_BODY

    return PageSpec(
        model="pages.ContentPage",
        slug="accessibility",
        title="Accessibility statement",
        summary="How accessible this website is, how to report a problem, and how to ask for "
        "information in another format.",
        body=list(ACCESSIBILITY_STATEMENT_BODY),
    )
