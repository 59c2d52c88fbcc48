"""The home page's words: filled in only where the home page's fields are still empty."""

from pages.seed.spec import paras

HOME_SUMMARY = "Find out about infant mental health (babies to age two)."
INTRO_HEADING = "The mental health of babies"
INTRO = paras(
    "The mental health of babies is as important as it is for older children and for adults.",
    "If babies get responsive and loving care, they learn that the world is a safe place. This "
    "helps them to manage their feelings and make good relationships as they grow and develop. "
    "It gets them ready to explore and learn as toddlers and children.",
    "Evidence shows that the time from conception to age two lays the foundations for later "
    "life. This includes physical and mental health, language development and learning.",
    "Early emotional wellbeing is a key factor in how far people make the most of life's "
    "opportunities. This includes education, and how they will manage later relationships "
    "with partners and their own children. Investing in a loving, trusting and secure "
    "relationship between parent and baby is crucial for later outcomes.",
    "All parents and carers can get support with caring for their baby from their midwife, "
    "health visitor or children's centre.",
)
PARENTS_ROUTE_TEXT = (
    "How your baby's brain grows, ideas to help you bond, crying, and looking after yourself."
)
PROFESSIONALS_ROUTE_TEXT = (
    "The first 1001 days, Baby Friendly, perinatal mental health, the Solihull Approach and "
    "training."
)
