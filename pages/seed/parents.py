"""'Information for parents': the council page's parent section, split into short pages."""

from pages.seed import links
from pages.seed.spec import (
    PageSpec,
    bullets,
    care_card,
    email_link,
    h2,
    inset,
    link,
    page_link,
    paras,
    text,
)

BRAIN_AND_FEELINGS = PageSpec(
    model="pages.ContentPage",
    slug="your-babys-brain-and-feelings",
    title="Your baby's brain and feelings",
    summary="How your baby's brain grows before and after birth, and why your relationship "
    "matters most.",
    body=[
        h2("Your baby's brain grows fast"),
        text(
            "Babies' brains develop more in the first two years than at any other time in "
            "their life.",
            "Your baby can recognise sounds from 15 weeks of pregnancy (15 weeks gestation).",
            "Evidence suggests that a baby's brain grows 17-fold in size in the last 20 weeks "
            "of pregnancy. A good connection between you and your baby during this time will "
            "help their brain to grow.",
            "Touching your bump and talking to your baby will help you bond after the birth too.",
        ),
        h2("Connections in your baby's brain"),
        text(
            "When a baby is born they already have lots of brain cells, but not very many "
            "connections between them.",
            "As your baby learns and develops, their brain makes lots of connections. The cells "
            "in a baby's brain make up to two-million connections every second.",
            "A baby's brain is a bit like play dough. The kind of experiences your baby has "
            "shapes how their brain develops. The relationship they have with their parents is "
            "the most important thing.",
            "When you build your baby's brain, you are building their future!",
        ),
        h2("What your baby needs from you"),
        text(
            "The most important thing to a baby is what you do as a parent. They are totally "
            "dependent on you.",
            "This is not just about their physical needs, such as making sure they are fed and "
            "clean. It is also about forming a close and loving relationship with your baby and "
            "communicating with them.",
            "This supports their brain development. It helps them to grow in confidence and "
            "feel good about themselves as they grow up.",
            "It is really important for your baby to learn that there is at least one person in "
            "their world they can trust to meet their needs and keep them safe.",
            "When children and adults feel good about themselves, they can play, learn and make "
            "relationships well, and make the most of their life.",
        ),
        h2("Talking and singing with your baby"),
        text(
            "Talking and singing with your baby is really important for brain development and "
            "communication.",
            "Watch your baby and give them time to respond to you. When your baby has had "
            "enough, they will look away. They need a break, as their brain is working so hard!",
        ),
        h2("How stress affects babies"),
        text(
            "Babies can feel stress when they do not have a consistent, loving parent or carer "
            "to help them feel safe.",
            "This can be so harmful that it damages the developing brain. It can have a "
            "life-long impact on learning, behaviour and health.",
            "Stress for a baby is the same as stress for an adult: it is anything that feels "
            "overwhelming. For a young baby, feeling hungry, for example, can feel "
            "life-threatening, because they are totally dependent on the people who care for "
            "them.",
        ),
        inset(
            "You can always get support from your midwife, health visitor or children's centre "
            "about any part of caring for or bonding with your baby."
        ),
    ],
)

BONDING_TIPS = [
    "Remember that all babies are different. You know your baby best.",
    "Take time to look after yourself whenever you can. Let your family or friends help where "
    "possible.",
    "Remember that babies cry because they need you to help them. Babies are totally dependent "
    "on their parents to meet their needs and keep them safe.",
    "Help your baby to calm down when they are upset, for example by cuddling, rocking, holding "
    "them close, talking and singing to them.",
    "Don't worry if you don't always know what your baby needs. You will learn this over time "
    "and get better at understanding their cries.",
    "Think about what your baby may be feeling and tell them. Even if they are too young to "
    "understand, the calming sound of your voice will help comfort them. For example, as you "
    "hold them you could say 'Are you feeling tired? Is it time to have a sleep?'",
    "Holding and cuddling your baby when they are upset does not mean you are spoiling them. "
    "It helps them to feel safe and loved, which is really important for their brain "
    "development.",
    "Feeding is a great time to build a close and loving relationship with your baby. Watch "
    "how your baby shows you that they are hungry, and when they show you they have had enough.",
    "Eye contact and loving touch are crucial for building a relationship with your baby. They "
    "help your baby release oxytocin, a special hormone that helps your baby feel calm and loved.",
    "When you talk to your baby, wait and give them time to respond. They may smile, make "
    "sounds or move their arms and legs. Watch for when your baby looks away from you. This "
    "means they need a pause, or to stop playing and talking for a while. During this time "
    "their brain will be making lots of connections.",
    "Sharing books and rhymes is a great way to support the relationship between you and your "
    "baby. It is never too early to start. Every child under the age of five in North "
    f"Lincolnshire can get a free book through the post from the "
    f"{link(links.IMAGINATION_LIBRARY, 'Imagination Library')} scheme.",
    "Remember you can always get help from your midwife, health visitor, children's centre or "
    "early years and childcare professional.",
]

BONDING = PageSpec(
    model="pages.ContentPage",
    slug="ideas-to-help-you-bond",
    title="Ideas to help you bond with your baby",
    summary="Twelve simple things you can do to build a close, loving relationship with your baby.",
    body=[
        (
            "tips",
            {
                "heading": "Ideas to help you bond with your baby",
                "intro": "There are lots of things you can do to help your relationship with "
                "your baby. Here are some ideas.",
                "items": [f"<p>{tip}</p>" for tip in BONDING_TIPS],
            },
        ),
        h2("Babies First posters and your red book"),
        text(
            f"Our {page_link('posters', 'Babies First posters')} sum up ways you can bond with "
            "your baby.",
            "There is also a summary in your child's personal health record (the 'red book').",
        ),
        h2("When bonding feels harder"),
        text(
            "Some things can make forming a relationship with your baby more difficult, for "
            "example your own mental health, or if your baby has been unwell.",
            "You can always get support from your midwife, health visitor or children's centre "
            "about any part of caring for or forming a relationship with your baby.",
        ),
    ],
)

CRYING = PageSpec(
    model="pages.ContentPage",
    slug="crying-and-comforting",
    title="Crying and comforting",
    summary="Why babies cry, how to comfort your baby, and what to do if the crying gets too much.",
    body=[
        h2("Why babies cry"),
        text(
            "Babies have lots of strong feelings, just like adults. When they are upset or "
            "frightened, they need their parent or carer to help them calm down.",
            "Their cry is a bit like an alarm. They use it to tell you they need your help.",
        ),
        h2("You cannot spoil a baby with comfort"),
        text(
            "Ignore people who say \u201cleave them to cry\u201d or \u201cyou will make a rod "
            "for your back\u201d. A baby needs a loving adult to help them manage their "
            "feelings.",
            "Holding and cuddling your baby when they are upset does not mean you are spoiling "
            "them.",
        ),
        h2("Ways to comfort your baby"),
        bullets(
            "cuddles and loving touch",
            "holding them close",
            "rocking",
            "talking and singing to them",
            intro="These can all help your baby to calm down:",
        ),
        text(
            "This helps your baby to feel safe and secure and learn to trust you.",
            "Don't worry if you don't always know what your baby needs. You will learn over time "
            "and get better at understanding their cries.",
        ),
        care_card(
            "non_urgent",
            "If the crying is getting too much",
            "Crying is normal, and it is hard. Babies cry, you can cope.",
            "Put your baby down somewhere safe, such as their cot, and walk away for a few "
            "minutes to calm yourself. Never shake a baby.",
            f"{link(links.ICON, 'ICON: babies cry, you can cope')} has ways to comfort a crying "
            "baby and to look after yourself. Talk to your health visitor or GP if you are "
            "worried about your baby's crying.",
        ),
        text(
            f"{link(links.NHS_START_FOR_LIFE, 'NHS Start for Life')} also has advice on bonding, "
            "crying and coping."
        ),
    ],
)

LOOKING_AFTER_YOURSELF = PageSpec(
    model="pages.ContentPage",
    slug="looking-after-yourself",
    title="Looking after yourself",
    summary="Your own wellbeing and mental health in pregnancy and after your baby is born, "
    "and where to get help.",
    body=[
        h2("Your wellbeing matters"),
        text(
            "Take time to look after yourself whenever you can, and let your family or friends "
            "help where possible.",
            "Your own mental health can make forming a relationship with your baby more "
            "difficult. So can your baby being unwell. This is common, and help is there.",
        ),
        h2("Help with your own mental health"),
        text(
            "If you are pregnant, or you are the parent of a baby or young child, and you would "
            "like help with your own wellbeing or mental health, please talk to your midwife or "
            "health visitor.",
            f"You can also visit the {link(links.EVERY_MUM_MATTERS, 'Every Mum Matters')} "
            "website. Every Mum Matters is the Humber area's perinatal mental health campaign, "
            "with information for parents.",
        ),
        care_card(
            "urgent",
            "Get help today if you feel you cannot cope",
            "Call NHS 111 and choose the mental health option. It is open 24 hours, for any age.",
            "If your life or someone else's is at risk, call 999 or go to A&E.",
        ),
        text(
            "You can always get support from your midwife, health visitor or children's centre "
            "about any part of caring for or forming a relationship with your baby."
        ),
    ],
)

FIND_OUT_MORE = PageSpec(
    model="pages.ContentPage",
    slug="find-out-more",
    title="Find out more",
    summary="Trusted websites, leaflets and free books about your baby's development and bonding.",
    body=[
        h2("Your baby's first 1001 days"),
        text(
            "If you would like to find out more facts about the importance of the first 1001 "
            f"days and baby brain development, visit the "
            f"{link(links.THOUSAND_DAYS, '1000 Days website')}.",
        ),
        h2("UNICEF: building a happy baby"),
        text(
            f"{link(links.UNICEF_BFI, 'UNICEF')} provides lots of information about building a "
            "relationship with your baby. Some of it is in your child's personal health record "
            "(the 'red book').",
            f"The {link(links.UNICEF_HAPPY_BABY, 'UNICEF Building a happy baby leaflet')} has "
            "advice and information on getting to know your baby and developing a close and "
            "loving relationship.",
        ),
        h2("Your child's red book"),
        text(
            "Your child's personal health record, the 'red book', is given to you after your "
            "baby is born. As well as your child's health checks, it has a summary of ways to "
            "bond with your baby. Ask your health visitor if you do not have one.",
        ),
        h2("Free books: the Imagination Library"),
        text(
            "Every child under the age of five in North Lincolnshire can get a free book "
            f"through the post from the {link(links.IMAGINATION_LIBRARY, 'Imagination Library')}"
            " scheme. It is never too early to start sharing books and rhymes.",
        ),
        h2("Babies First posters"),
        text(
            f"Our {page_link('posters', 'Babies First posters')} sum up ways you can bond with "
            "your baby."
        ),
        (
            "resource_list",
            {"heading": "More useful links for parents", "resources": [], "audience": "parents"},
        ),
    ],
)

PARENTS = PageSpec(
    model="pages.SectionLandingPage",
    slug="parents",
    title="Information for parents",
    summary="How your baby's brain grows, ideas to help you bond, and where to get support.",
    show_in_menus=True,
    fields={
        "audience": "parents",
        "intro": paras(
            "Babies' brains develop more in the first two years than at any other time. A close "
            "and loving relationship with you is the most important thing for your baby.",
            "You can get support with caring for your baby from your midwife, health visitor or "
            "children's centre, or email the infant mental health team at "
            f"{email_link(links.INBOX)}.",
        ),
    },
    children=[BRAIN_AND_FEELINGS, BONDING, CRYING, LOOKING_AFTER_YOURSELF, FIND_OUT_MORE],
)
