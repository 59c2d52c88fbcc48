"""The council's resources, topics and sample posters, as seed data.

Copied from `pages/seed/source/resources.md` and the bonding tips on the council's page
(`pages/seed/source/infant-mental-health-page.txt`). Each item has a stable key: the seed
command finds its own items by key, so editors may change anything else.
"""

from __future__ import annotations

from datetime import date

from resources.choices import Audience, LinkStatus

# When the addresses in resources.md were established.
ADDRESSES_CHECKED_ON = date(2026, 11, 1)

# (slug, name), in the order visitors see them.
TOPICS: list[tuple[str, str]] = [
    ("brain-development", "Brain development"),
    ("bonding-and-relationships", "Bonding and relationships"),
    ("crying-and-comforting", "Crying and comforting"),
    ("perinatal-mental-health", "Perinatal mental health"),
    ("feeding", "Feeding"),
    ("early-years-settings", "Early years settings"),
    ("training", "Training"),
    ("reports-and-research", "Reports and research"),
]

PATH_UNCERTAIN_NOTE = (
    "The organisation's web address is right, but this exact page may have moved. Open the "
    "link, confirm it shows this resource, then set the status to Working and update 'Last "
    "checked'."
)

P, PRO, BOTH = Audience.PARENTS, Audience.PROFESSIONALS, Audience.BOTH

# Every resource the council's page names, except the personal child health record ("red book"),
# which has no single web address: the pages describe it in their text instead.
RESOURCES: list[dict] = [
    {
        "key": "unicef-baby-friendly",
        "title": "UNICEF UK Baby Friendly Initiative",
        "organisation": "UNICEF UK",
        "url": "https://www.unicef.org.uk/babyfriendly/",
        "audience": BOTH,
        "topics": ["feeding", "bonding-and-relationships"],
        "summary": "Support with feeding and with building a close, loving relationship with "
        "your baby, including videos, posters and information for parents.",
    },
    {
        "key": "unicef-building-a-happy-baby",
        "title": "Building a happy baby (leaflet)",
        "organisation": "UNICEF UK Baby Friendly Initiative",
        "url": "https://www.unicef.org.uk/babyfriendly/baby-friendly-resources/"
        "relationship-building-resources/building-a-happy-baby/",
        "audience": BOTH,
        "topics": ["bonding-and-relationships", "crying-and-comforting"],
        "summary": "A leaflet with advice on getting to know your baby and developing a close "
        "and loving relationship.",
        "status": LinkStatus.CHECK,
        "editor_notes": PATH_UNCERTAIN_NOTE,
    },
    {
        "key": "unicef-relationship-resources",
        "title": "Myth-busting posters and relationship summaries",
        "organisation": "UNICEF UK Baby Friendly Initiative",
        "url": "https://www.unicef.org.uk/babyfriendly/baby-friendly-resources/"
        "relationship-building-resources/",
        "audience": PRO,
        "topics": ["crying-and-comforting", "bonding-and-relationships"],
        "summary": "Posters based on the 'Building a happy baby' leaflet that dispel popular "
        "myths about crying, comforting and routines, and summaries for parents of why close "
        "and loving relationships matter.",
        "status": LinkStatus.CHECK,
        "editor_notes": PATH_UNCERTAIN_NOTE,
    },
    {
        "key": "1000-days",
        "title": "1000 Days: the first 1001 days",
        "organisation": "Parent-Infant Foundation",
        "url": "https://parentinfantfoundation.org.uk/1001-days/",
        "audience": P,
        "topics": ["brain-development", "reports-and-research"],
        "summary": "Facts about why the first 1001 days, from pregnancy to age two, matter so "
        "much, and how a baby's brain develops.",
        "status": LinkStatus.CHECK,
        "editor_notes": "The council's page links to 'the 1000 Days website'. This address is "
        "the Parent-Infant Foundation's 1001 Days page, the closest match found. Confirm it is "
        "the site the team means, or correct the address.",
    },
    {
        "key": "every-mum-matters",
        "title": "Every Mum Matters",
        "organisation": "Humber perinatal mental health campaign",
        "url": "https://www.everymummatters.com/",
        "audience": BOTH,
        "topics": ["perinatal-mental-health"],
        "summary": "Raises awareness of mental health in pregnancy and after birth, with "
        "information for parents and for professionals.",
    },
    {
        "key": "amy-brown-video",
        "title": "Video about caring for babies, with Dr Amy Brown",
        "organisation": "Swansea University",
        "url": "",
        "audience": P,
        "topics": ["bonding-and-relationships", "feeding"],
        "summary": "Dr Amy Brown of Swansea University talks about caring for babies.",
        "status": LinkStatus.CHECK,
        "editor_notes": "The council's page links to 'a useful video about caring for babies "
        "from Dr Amy Brown at the University of Swansea', but the video's address is not "
        "known. Find the video, add its web address, check the summary and publish. Until then "
        "this link stays a draft and is never shown on the site.",
        "draft": True,
    },
    {
        "key": "imagination-library",
        "title": "Imagination Library",
        "organisation": "North Lincolnshire Council",
        "url": "https://northlincs.gov.uk/schools-libraries-and-learning/imagination-library",
        "audience": P,
        "topics": ["bonding-and-relationships"],
        "summary": "Every child under five in North Lincolnshire can get a free book through "
        "the post every month. Sharing books and rhymes helps you bond with your baby.",
    },
    {
        "key": "parent-infant-foundation",
        "title": "Parent-Infant Foundation (formerly the Parent Infant Partnership)",
        "organisation": "Parent-Infant Foundation",
        "url": "https://parentinfantfoundation.org.uk/",
        "audience": PRO,
        "topics": ["reports-and-research", "bonding-and-relationships"],
        "summary": "A wide range of resources on the theory and practice of infant mental health.",
    },
    {
        "key": "aimh-uk",
        "title": "Association for Infant Mental Health (AIMH UK)",
        "organisation": "AIMH UK",
        "url": "https://aimh.uk/",
        "audience": PRO,
        "topics": ["reports-and-research", "training"],
        "summary": "Promotes understanding of the importance of infant mental health across "
        "society, professionals and the wider workforce.",
    },
    {
        "key": "wave-conception-to-age-two",
        "title": "Conception to age two: the age of opportunity",
        "organisation": "WAVE Trust and the Department for Education",
        "url": "https://www.wavetrust.org/conception-to-age-2-the-age-of-opportunity",
        "audience": PRO,
        "topics": ["reports-and-research", "brain-development", "early-years-settings"],
        "summary": "The 2013 report on why the time from conception to age two matters for "
        "later outcomes, with recommendations for out-of-home settings. A second report sets "
        "out the economic case for intervening early.",
    },
    {
        "key": "solihull-approach",
        "title": "Solihull Approach",
        "organisation": "Solihull Approach",
        "url": "https://solihullapproachparenting.com/",
        "audience": BOTH,
        "topics": ["training", "bonding-and-relationships"],
        "summary": "Promotes infant mental health, with support for parents-to-be and parents of "
        "babies and children, and training for professionals.",
    },
    {
        "key": "harvard-developing-child",
        "title": "Center on the Developing Child",
        "organisation": "Harvard University",
        "url": "https://developingchild.harvard.edu/",
        "audience": PRO,
        "topics": ["brain-development", "reports-and-research"],
        "summary": "Research on why responsive 'serve and return' interactions between babies "
        "and their carers matter for the developing brain.",
    },
    {
        "key": "eyfs-framework",
        "title": "Early years foundation stage (EYFS) statutory framework",
        "organisation": "Department for Education",
        "url": "https://www.gov.uk/government/publications/early-years-foundation-stage-framework--2",
        "audience": PRO,
        "topics": ["early-years-settings"],
        "summary": "The framework day nurseries and childminders must follow, including a 'key "
        "person' for every child.",
        "status": LinkStatus.CHECK,
        "editor_notes": PATH_UNCERTAIN_NOTE,
    },
    {
        "key": "professional-love",
        "title": "Professional Love in Early Years Settings (PLEYS)",
        "organisation": "University of Sheffield",
        "url": "http://professionallove.group.shef.ac.uk/",
        "audience": PRO,
        "topics": ["early-years-settings", "training"],
        "summary": "Materials on the theory and practice of the key person approach and "
        "attachment.",
    },
    {
        "key": "nhs-start-for-life",
        "title": "Start for Life",
        "organisation": "NHS",
        "url": "https://www.nhs.uk/start-for-life/",
        "audience": P,
        "topics": ["bonding-and-relationships", "crying-and-comforting", "feeding"],
        "summary": "NHS advice on bonding with your baby, crying and coping as a new parent.",
        "status": LinkStatus.CHECK,
        "editor_notes": PATH_UNCERTAIN_NOTE,
    },
    {
        "key": "icon-cope",
        "title": "ICON: babies cry, you can cope",
        "organisation": "ICON",
        "url": "https://iconcope.org/",
        "audience": P,
        "topics": ["crying-and-comforting"],
        "summary": "Why babies cry, ways to comfort them, and how to cope when the crying gets "
        "too much.",
    },
]

# Sample Babies First posters: each carries one theme from the page's bonding tips, word for
# word (one typo, "a pause of stop playing", corrected), so together they cover all twelve.
POSTERS: list[dict] = [
    {
        "key": "cuddles-help-your-baby-feel-safe",
        "heading": "Cuddles help your baby feel safe",
        "summary": "Why babies cry and how cuddling, rocking and talking help them calm down.",
        "audience": BOTH,
        "paragraphs": (
            "Remember that babies cry because they need you to help them. Babies are totally "
            "dependent on their parents to meet their needs and keep them safe.",
            "Help your baby to calm down when they are upset, for example by cuddling, rocking, "
            "holding them close, talking and singing to them.",
        ),
    },
    {
        "key": "talk-wait-and-watch",
        "heading": "Talk, wait and watch",
        "summary": "Give your baby time to respond, and notice when they need a break.",
        "audience": BOTH,
        "paragraphs": (
            "When you talk to your baby, wait and give them time to respond back. They may "
            "smile, make sounds or move their arms and legs.",
            "Watch for when your baby looks away from you. This means that they need to have a "
            "pause or stop playing and talking for a while. During this time their brain will "
            "be making lots of connections.",
            "Eye contact and loving touch are crucial for building a relationship with your "
            "baby. This will help your baby release oxytocin which is a special hormone that "
            "helps your baby feel calm and loved.",
        ),
    },
    {
        "key": "share-books-and-rhymes",
        "heading": "Share books and rhymes",
        "summary": "It is never too early to share books, and every child under five in North "
        "Lincolnshire can get a free book by post.",
        "audience": P,
        "paragraphs": (
            "Sharing books and rhymes is a great way to support the relationship between you "
            "and your baby. It is never too early to start.",
            "Every child under the age of five in North Lincolnshire can receive a free book "
            "through the post, through the Imagination Library scheme.",
        ),
    },
    {
        "key": "you-cannot-spoil-a-baby",
        "heading": "You cannot spoil a baby by holding them",
        "summary": "Holding and cuddling an upset baby helps them feel safe and loved.",
        "audience": BOTH,
        "paragraphs": (
            "Holding and cuddling your baby when they are upset does not mean you are spoiling "
            "them. It helps them to feel safe and loved which is really important for their "
            "brain development.",
            "Don't worry if you don't always know what your baby needs. You will learn this "
            "over time and get better at understanding their cries.",
        ),
    },
    {
        "key": "look-after-yourself-too",
        "heading": "Look after yourself too",
        "summary": "Take time for yourself, accept help, and know who you can ask for support.",
        "audience": P,
        "paragraphs": (
            "Take time to look after yourself, whenever you can, and use your family or friends "
            "to help where possible.",
            "Remember you can always get help from your midwife, health visitor, children's "
            "centre or early years and childcare professional.",
        ),
    },
    {
        "key": "you-know-your-baby-best",
        "heading": "You know your baby best",
        "summary": "Tune in to what your baby may be feeling, including at feeding times.",
        "audience": P,
        "paragraphs": (
            "Remember that all babies are different. You know your baby best.",
            "Think about what your baby may be feeling and communicate this to them. Even if "
            "they are too young to understand the world, the calming sound of your voice will "
            "help comfort them. For example, you could say 'Are you feeling tired? Is it time "
            "to have a sleep?' as you are holding them.",
            "Feeding is a great time to build the close and loving relationship with your baby. "
            "Watch for how your baby shows you that they are hungry and when they show you that "
            "they have had enough.",
        ),
    },
]
