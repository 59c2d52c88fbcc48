"""Official addresses of the organisations the council's page names (from source/resources.md)."""

INBOX = "infantmentalhealth@northlincs.gov.uk"

UNICEF_BFI = "https://www.unicef.org.uk/babyfriendly/"
UNICEF_HAPPY_BABY = (
    "https://www.unicef.org.uk/babyfriendly/baby-friendly-resources/"
    "relationship-building-resources/building-a-happy-baby/"
)
UNICEF_RELATIONSHIP_RESOURCES = "https://www.unicef.org.uk/babyfriendly/baby-friendly-resources/relationship-building-resources/"
THOUSAND_DAYS = "https://parentinfantfoundation.org.uk/1001-days/"
EVERY_MUM_MATTERS = "https://www.everymummatters.com/"
IMAGINATION_LIBRARY = "https://northlincs.gov.uk/schools-libraries-and-learning/imagination-library"
PARENT_INFANT_FOUNDATION = "https://parentinfantfoundation.org.uk/"
AIMH_UK = "https://aimh.uk/"
WAVE_TRUST_REPORT = "https://www.wavetrust.org/conception-to-age-2-the-age-of-opportunity"
SOLIHULL_APPROACH = "https://solihullapproachparenting.com/"
DEVELOPING_CHILD = "https://developingchild.harvard.edu/"
EYFS = "https://www.gov.uk/government/publications/early-years-foundation-stage-framework--2"
PROFESSIONAL_LOVE = "http://professionallove.group.shef.ac.uk/"
NHS_START_FOR_LIFE = "https://www.nhs.uk/start-for-life/"
ICON = "https://iconcope.org/"
ICO = "https://ico.org.uk/make-a-complaint/"
