"""The demo's advertising period: interested suppliers, answered and open questions, a merged duplicate,
a correction, a clarification, and a question that came in after the question deadline.

Built through the same services as the pages, so emails go out as they would. Idempotent: a procurement
that already has questions is left as it is.
"""

from insteg.accounts.models import User
from insteg.notices import services
from insteg.notices.models import Answer


def seed(made: dict) -> dict:
    officer = User.objects.get(username="upphandlare")
    builder = User.objects.get(username="leverantor")
    cleaner = User.objects.get(username="leverantor2")
    _cleaning(made["procurements"]["cleaning"], officer, builder, cleaner)
    _transport(made["procurements"]["transport"], officer, cleaner)
    return {}


def _cleaning(procurement, officer, builder, cleaner) -> None:
    if procurement.questions.exists():
        return
    services.register_interest(procurement, user=cleaner, contact_email=cleaner.email)
    services.register_interest(procurement, user=builder, contact_email=builder.email)
    requirement = procurement.requirements.select_related("lot").first()
    internships = services.ask_question(
        procurement,
        user=cleaner,
        requirement=requirement,
        lot=requirement.lot,
        text="Vi på Frösö Städ undrar: kan praktikplatser räknas in i de 24 månaderna, eller bara anställningar?",
    )
    subcontractors = [
        services.ask_question(
            procurement,
            user=user,
            text=text,
        )
        for user, text in [
            (cleaner, "Gäller villkoren om lön och arbetstid även våra underleverantörer för fönsterputs?"),
            (builder, "Måste underleverantörer också följa de arbetsrättsliga villkoren?"),
        ]
    ]
    services.ask_question(procurement, user=builder, text="Vilka tider på dygnet får städningen utföras i förskolorna?")
    first = services.draft_answer(
        procurement,
        user=officer,
        questions=[internships],
        requirement=requirement,
        lot=requirement.lot,
        public_question="Kan praktikplatser räknas in i åtagandet om 24 månader på heltid?",
        text="Ja. Kravet tillåter alternativ a (anställning) och c (praktik); båda räknas i månader på heltid.",
    )
    services.publish_answer(first, user=officer)
    merged = services.draft_answer(
        procurement,
        user=officer,
        questions=subcontractors,
        public_question="Gäller de arbetsrättsliga villkoren även underleverantörer?",
        text="Ja, villkoren gäller alla som utför arbete i uppdraget.",
    )
    services.publish_answer(merged, user=officer)
    correction = services.correct_answer(
        merged,
        user=officer,
        public_question="Gäller de arbetsrättsliga villkoren även underleverantörer?",
        text=(
            "Ja, villkoren gäller alla som utför arbete i uppdraget, även underleverantörer i alla led. "
            "Leverantören ansvarar för att de följs och redovisar det på begäran."
        ),
    )
    services.publish_answer(correction, user=officer)
    clarification = services.draft_answer(
        procurement,
        user=officer,
        kind=Answer.Kind.CLARIFICATION,
        public_question="Frivilligt platsbesök",
        text="Den som vill kan besöka tre av förskolorna tillsammans med kommunens lokalvårdsansvariga.",
    )
    services.publish_answer(clarification, user=officer)


def _transport(procurement, officer, cleaner) -> None:
    if procurement.questions.exists():
        return
    services.register_interest(procurement, user=cleaner, contact_email=cleaner.email)
    services.ask_question(
        procurement,
        user=cleaner,
        text="Får vi lämna anbud på enbart taxiresorna, eller måste anbudet omfatta även bussarna?",
    )
