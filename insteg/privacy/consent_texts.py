"""The first published version of each consent text. Later versions are published by an administrator.

Plain constants, so the data migration can use them without importing models.
"""

TRAINING_SV = (
    "Jag samtycker till att kommunen behandlar uppgifterna i den här anmälan (namn, e-postadress, telefon, "
    "företag och roll) för att administrera handledarutbildningen: bekräftelse, påminnelse, väntelista, "
    "närvaro och intyg. Uppgifterna anonymiseras när lagringstiden i integritetsmeddelandet har gått ut; "
    "kvar blir bara antal deltagare per tillfälle och företag. Jag kan när som helst återkalla samtycket "
    "med länken i bekräftelsemejlet, och då tas mina uppgifter bort."
)
TRAINING_EN = (
    "I consent to the municipality processing the details in this registration (name, email address, phone, "
    "company and role) to run the supervisor training: confirmation, reminder, waiting list, attendance and "
    "certificate. The details are anonymised when the retention period in the privacy notice has passed; only "
    "the number of participants per session and company remains. I can withdraw my consent at any time with "
    "the link in the confirmation email, and my details are then removed."
)


FIRST_VERSIONS = {"training_registration": (TRAINING_SV, TRAINING_EN)}


def ensure_first_versions() -> int:
    """Idempotent: publishes version 1 of any purpose that has none (a flushed test database, a new install)."""
    from django.db import IntegrityError, transaction

    from insteg.privacy.models import ConsentText

    created = 0
    for purpose, (text_sv, text_en) in FIRST_VERSIONS.items():
        if ConsentText.objects.filter(purpose=purpose).exists():
            continue
        try:
            with transaction.atomic():
                ConsentText.objects.create(purpose=purpose, version=1, text_sv=text_sv, text_en=text_en)
            created += 1
        except IntegrityError:
            pass  # a parallel request published it first: the same text
    return created
