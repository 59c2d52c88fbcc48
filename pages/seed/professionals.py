"""'Information for professionals': the council page's professional section, one page a topic."""

from pages.seed import links
from pages.seed.spec import PageSpec, email_link, h2, h3, inset, link, page_link, paras, text

AGE_OF_OPPORTUNITY = "Conception to age two: the age of opportunity"

FIRST_1001_DAYS = PageSpec(
    model="pages.ContentPage",
    slug="the-first-1001-days",
    title="The first 1001 days",
    summary="Why the period from conception to age two lays the foundations for later life, "
    "and the key national resources.",
    body=[
        h2("A period of rapid growth"),
        text(
            "The first 1001 days \u2013 from conception to age two \u2013 is a period of rapid "
            "growth when the foundations for future development are laid.",
            "During this time, babies' growing brains are shaped by their experiences, "
            "particularly the relationships they have with their parents or caregivers.",
            "Evidence shows the importance of this period for later physical and mental health, "
            "language development and learning. Early emotional wellbeing is a key factor in "
            "how far people make the most of life's opportunities, including education and "
            "their later relationships with partners and their own children.",
        ),
        h2("National organisations"),
        text(
            f"The {link(links.PARENT_INFANT_FOUNDATION, 'Parent Infant Partnership')} website "
            "(now the Parent-Infant Foundation) has a wide range of resources to support the "
            "theory and practice of infant mental health.",
            f"The {link(links.AIMH_UK, 'Association for Infant Mental Health (AIMH UK)')} "
            "promotes understanding of the importance of infant mental health across society, "
            "professionals and the wider workforce.",
        ),
        h2("The age of opportunity report"),
        text(
            f"The \u2018{link(links.WAVE_TRUST_REPORT, AGE_OF_OPPORTUNITY)}\u2019 report was "
            "published in 2013 by the Wave Trust and the Department for Education (DfE). It "
            "highlights the importance of this period for later outcomes.",
            "A second report presents the economic case for intervening early.",
        ),
    ],
)

BABY_FRIENDLY = PageSpec(
    model="pages.ContentPage",
    slug="unicef-baby-friendly-initiative",
    title="UNICEF Baby Friendly Initiative",
    summary="Local services' Baby Friendly accreditation and UNICEF resources on close and "
    "loving relationships.",
    body=[
        h2("Baby Friendly in North Lincolnshire"),
        text(
            "Local midwifery, health visiting and children's centres have achieved stage three "
            "of the UK UNICEF Baby Friendly Initiative (BFI).",
            "The aim of the BFI is to support families with feeding and with developing close, "
            "loving relationships, so that all babies get the best possible start in life.",
        ),
        h2("UNICEF resources"),
        text(
            f"The {link(links.UNICEF_BFI, 'UNICEF Baby Friendly Initiative website')} has a "
            "range of videos, posters and information to support parents in developing a close "
            "and loving relationship with their baby.",
            f"The {link(links.UNICEF_HAPPY_BABY, 'UNICEF Building a happy baby leaflet')} offers "
            "advice and information for parents on getting to know their baby and developing a "
            "close and loving relationship.",
            f"Additional {link(links.UNICEF_RELATIONSHIP_RESOURCES, 'myth busting posters')}, "
            "based on the leaflet, aim to dispel popular myths around crying, comforting and "
            "routines. UNICEF summaries for parents of the importance of close and loving "
            "relationships are also available.",
        ),
    ],
)

PERINATAL = PageSpec(
    model="pages.ContentPage",
    slug="perinatal-mental-health",
    title="Perinatal mental health",
    summary="How perinatal and infant mental health are linked, and the local specialist services.",
    body=[
        h2("What perinatal mental health is"),
        text(
            "Infant mental health is closely linked to perinatal mental health. Perinatal mental "
            "health problems happen during pregnancy or in the first year after the birth of a "
            "child.",
        ),
        h2("Local services"),
        text(
            "The local perinatal mental health service works with women who need specialist "
            "assessment and interventions for a moderate to severe mental health problem.",
            "Northern Lincolnshire and Goole NHS Foundation Trust (NLaG NHS Trust) employs a "
            "specialist perinatal mental health midwife.",
            "The Rotherham Doncaster and South Humber NHS Foundation Trust (RDaSH) Birth to 19 "
            "(25 SEND) service has a perinatal and infant mental health specialist health "
            "visitor.",
            "They work closely together and with the local perinatal mental health team.",
        ),
        h2("Every Mum Matters"),
        text(
            f"The \u2018{link(links.EVERY_MUM_MATTERS, 'Every Mum Matters')}\u2019 campaign "
            "raises awareness of the importance of perinatal mental health and provides "
            "information for parents and professionals.",
        ),
    ],
)

RESPONSIVE = PageSpec(
    model="pages.ContentPage",
    slug="responsive-interactions-and-the-solihull-approach",
    title="Responsive interactions and the Solihull Approach",
    summary="Why responsive, reciprocal early interactions matter, and how the Solihull "
    "Approach supports them.",
    body=[
        h2("Responsive and reciprocal interactions"),
        text(
            "Responsive and reciprocal early interactions between baby and parent or carer are "
            "crucial for brain development, attachment and early communication.",
            "This is more than \u2018talking to\u2019 a baby. It needs the parent to give the "
            "baby time to start, respond to and end interactions.",
            "In early interactions it also rests on the parent being able to recognise their "
            "baby's emotional states and feelings and respond in an appropriate way, "
            "communicating the baby's feelings back to them in a manageable and reassuring way. "
            "This is crucial to infant mental health.",
            "Where this response is regularly absent or not appropriate, the developing brain "
            "can be negatively affected.",
        ),
        h2("When parents need support"),
        text(
            "Usually parents find that this develops over time. Some parents, for example those "
            "with perinatal mental health difficulties, may find it more challenging and need "
            "support from their midwife or health visitor.",
            "The Solihull Approach to working with babies and parents has the \u2018serve and "
            "return\u2019 interactions of reciprocity as one of its underpinning concepts, and "
            "can also help with this.",
            f"The {link(links.DEVELOPING_CHILD, 'Center on the Developing Child')} website "
            "(Harvard University) has more on the importance of these early interactions.",
        ),
        h2("About the Solihull Approach"),
        text(
            "The Solihull Approach promotes infant mental health. It offers support to parents "
            "to be and to parents of babies and children. For more information, visit the "
            f"{link(links.SOLIHULL_APPROACH, 'Solihull Approach parenting website')}.",
            "The Solihull Approach has a mixture of quantitative and qualitative studies, "
            "carried out by independent teams across the UK and by the Solihull Approach itself.",
            f"Find out about {page_link('professionals/solihull-approach-in-north-lincolnshire', 'the Solihull Approach in North Lincolnshire')}, "
            "including groups and training.",
        ),
    ],
)

OUT_OF_HOME = PageSpec(
    model="pages.ContentPage",
    slug="out-of-home-settings-and-the-key-person",
    title="Out-of-home settings and the key person",
    summary="The EYFS key person, primary care-giving and professional love in day nurseries "
    "and childminding.",
    body=[
        h2("The Early Years Foundation Stage"),
        text(
            "Professionals working with babies in out-of-home settings, including day nurseries "
            f"and childminders, must follow the "
            f"{link(links.EYFS, 'Early Years Foundation Stage (EYFS)')}.",
            "The EYFS includes the need for each child to have a \u2018key person\u2019 who can "
            "form a settled relationship with the child and their parents.",
            "Effective primary care-giving is essential to the infant mental health of babies "
            "and young children in out-of-home settings.",
        ),
        h2("Continuity of care"),
        text(
            f"The \u2018{link(links.WAVE_TRUST_REPORT, AGE_OF_OPPORTUNITY)}\u2019 report gives "
            "specific recommendations for professionals caring for children from birth to two "
            "in out-of-home settings.",
            "These include making sure there is continuity and consistency of primary care, "
            "which helps professionals form responsive and sustained relationships with the "
            "babies and young children in their care.",
        ),
        h2("Professional love"),
        text(
            f"The \u2018{link(links.PROFESSIONAL_LOVE, 'Professional love in early years')}"
            "\u2019 project provides materials to support understanding of the theory and "
            "practice of the key person approach and attachment.",
        ),
    ],
)

PARENT_QUOTES = [
    "I respond differently to her now\u2026 I say daddy is here, you are safe.",
    "I have learnt that they need a breather\u2026 they will tell you when they have had enough.",
    "My mind-set has changed. I know she is a person and an individual. I try to work out what "
    "she wants.",
    "To get a response out of him we have to respond to what he shows us first\u2026 like back "
    "and forth.",
    "It was amazing. It helped me build confidence and make friends. It's been a big learning "
    "curve for me.",
]
QUOTE_ATTRIBUTION = "A local parent, after a Solihull Approach group"

SOLIHULL_LOCAL = PageSpec(
    model="pages.ContentPage",
    slug="solihull-approach-in-north-lincolnshire",
    title="Solihull Approach in North Lincolnshire",
    summary="Understanding your baby groups, Solihull Approach training for professionals, and "
    "what local parents said.",
    body=[
        h2("Working with families"),
        text(
            "A range of professionals in North Lincolnshire are trained to work with families "
            "and babies in the antenatal and postnatal period using the Solihull Approach.",
        ),
        h2("Understanding your baby groups"),
        text(
            "As well as individual work with families, there are \u2018Understanding your "
            "baby\u2019 groups for parents who need extra support or targeted intervention. The "
            "groups help parents build a relationship with their baby, recognise their baby's "
            "needs and meet them in a containing and reciprocal way.",
            "The groups are run by different professionals and currently take place in family "
            "hubs. If you are a professional and would like to find out more, please contact "
            "your local family hub.",
        ),
        h2("Training courses"),
        text(
            "We offer local training for professionals in the Solihull Approach. To find out "
            f"more, email {email_link(links.INBOX)}.",
        ),
        h2("What parents said"),
        text("Here are some things local parents said after attending our Solihull group."),
        *[
            ("quote", {"quote": quote, "attribution": QUOTE_ATTRIBUTION, "consent_date": None})
            for quote in PARENT_QUOTES
        ],
        h3("Babies First posters"),
        text(
            f"Our {page_link('posters', 'Babies First posters')} promote early relationships and "
            "communication. They were trialled with parents while being developed, to make sure "
            "the messages are clear and understandable. Please feel free to download and share "
            "them within your organisation.",
        ),
    ],
)

ALLIANCE = PageSpec(
    model="pages.ContentPage",
    slug="local-infant-mental-health-alliance",
    title="Local infant mental health alliance",
    summary="How professionals in North Lincolnshire work together on infant mental health, "
    "and how to get involved.",
    body=[
        text(
            "North Lincolnshire currently has a local infant mental health alliance. It involves "
            "a range of professionals working with families and babies during the conception to "
            "age two period.",
            "We work together to share good practice, support families and promote consistent "
            "messages about the importance of very early relationships. This is based on "
            "national research and policy.",
        ),
        inset(f"For more information, contact us on {email_link(links.INBOX)}."),
    ],
)

PROFESSIONALS = PageSpec(
    model="pages.SectionLandingPage",
    slug="professionals",
    title="Information for professionals",
    summary="Resources, local services and training to support your work with parents and babies.",
    show_in_menus=True,
    fields={
        "audience": "professionals",
        "intro": paras(
            "We have a wide range of resources to support your work with parents.",
            f"You can also {page_link('posters', 'download our Babies First posters')} and "
            f"browse {page_link('useful-links', 'useful links for professionals')}.",
        ),
    },
    children=[
        FIRST_1001_DAYS,
        BABY_FRIENDLY,
        PERINATAL,
        RESPONSIVE,
        OUT_OF_HOME,
        SOLIHULL_LOCAL,
        ALLIANCE,
    ],
)
