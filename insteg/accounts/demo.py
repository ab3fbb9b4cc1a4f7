"""The demo's organisations and accounts (contract.md). Idempotent: a second run changes nothing."""

from django.conf import settings
from django.utils import timezone

from insteg.accounts.models import Membership, Organisation, Role, User
from insteg.lib.env import env

# Organisation numbers: the public bodies' real ones; the demo companies' are made up but valid.
ORGANISATIONS = {
    "ostersund": ("Östersunds kommun", Organisation.Kind.MUNICIPALITY, "212000-2627", False),
    "af": ("Arbetsförmedlingen", Organisation.Kind.EMPLOYMENT_SERVICE, "202100-2114", False),
    "samordningsforbundet": ("Samordningsförbundet i Jämtlands län", Organisation.Kind.FUNDER, "", False),
    "bygg": ("Storsjöbygg AB (demo)", Organisation.Kind.SUPPLIER, "556712-3459", True),
    "stad": ("Frösö Städ & Service AB (demo)", Organisation.Kind.SUPPLIER, "556798-7655", True),
}

# username, first name, last name, organisation key, role, who (for the printed table)
ACCOUNTS = [
    ("upphandlare", "Karin", "Lindqvist", "ostersund", Role.PROCUREMENT_OFFICER, "procurement officer"),
    ("matchare", "Erik", "Jonsson", "ostersund", Role.MATCHING_OFFICER, "matching officer"),
    ("admin", "Anna", "Berg", "ostersund", Role.ADMINISTRATOR, "administrator, data-protection contact"),
    ("dataskydd", "Dina", "Sjöberg", "ostersund", Role.DATA_PROTECTION_OFFICER, "data-protection officer"),
    ("leverantor", "Lars", "Nilsson", "bygg", Role.SUPPLIER_CONTACT, "supplier contact"),
    ("leverantor2", "Maria", "Ek", "stad", Role.SUPPLIER_CONTACT, "supplier contact"),
    ("af", "Sara", "Håkansson", "af", Role.EMPLOYMENT_OFFICER, "employment-service officer"),
    ("finansiar", "Johan", "Persson", "samordningsforbundet", Role.FUNDER_VIEWER, "funder"),
]


def demo_password() -> str:
    return env("INSTEG_DEMO_PASSWORD") or "demo"


def seed(made: dict) -> dict:
    organisations = {}
    for key, (name, kind, org_number, is_sme) in ORGANISATIONS.items():
        organisation, _ = Organisation.objects.get_or_create(
            name=name,
            kind=kind,
            defaults={"org_number": org_number, "is_sme": is_sme, "verified_at": timezone.now()},
        )
        organisations[key] = organisation
    for username, first_name, last_name, org_key, role, _who in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@{settings.INSTEG_DEMO_EMAIL_DOMAIN}",
                email_verified_at=timezone.now(),
            )
            user.set_password(demo_password())
            user.save()
        Membership.objects.get_or_create(user=user, organisation=organisations[org_key], role=role)
    return {"organisations": organisations}
