"""The urgent-help lines UK perinatal and infant mental health pages show (NHS order)."""

from datetime import date

VERIFIED_ON = date(2026, 11, 1)

URGENT_HELP_ENTRIES = [
    {
        "level": "emergency",
        "label": "Emergency",
        "text": "If someone's life is at risk or they have harmed themselves, call 999 or go to A&E.",
        "phone": "999",
    },
    {
        "level": "urgent",
        "label": "Urgent mental health help",
        "text": "Call NHS 111 and choose the mental health option. It is open 24 hours, for any "
        "age, and you can call for someone else.",
        "phone": "111",
        "url": "https://111.nhs.uk/",
        "url_label": "NHS 111 online",
    },
    {
        "level": "urgent",
        "label": "Talk to Samaritans now",
        "text": "Samaritans are free to call, 24 hours a day.",
        "phone": "116 123",
    },
    {
        "level": "urgent",
        "label": "Text support",
        "text": "Text SHOUT to 85258. It is free, confidential and open 24/7.",
        "text_number": "85258",
        "text_message": "SHOUT",
    },
    {
        "level": "non_urgent",
        "label": "Not urgent",
        "text": "Talk to your midwife, health visitor or GP.",
    },
    {
        "level": "non_urgent",
        "label": "If your baby's crying is getting too much",
        "text": "Babies cry, you can cope. Crying is normal. Once your baby is safe, it is OK to "
        "walk away for a few minutes. Never shake a baby.",
        "url": "https://iconcope.org/",
        "url_label": "ICON: babies cry, you can cope",
    },
]
