"""One seeded world for the defence tests: the demo's data, every persona, and an object for every route.

The demo (insteg/core/demo.py) gives the lists something to show; the access matrix's kwargs makers then make,
for every route that takes an object, one that its personas may reach. The personas are the demo's accounts (so
the demo's data is theirs) plus a second employment-service office. Built once per test module inside a
transaction that is rolled back at the module's end (see `world_fixture`), because seeding takes seconds.
"""

import contextlib
import html
from html.parser import HTMLParser

from django.db import models, transaction
from django.db.models.functions import Concat, Left
from django.test import override_settings
from django.urls import reverse

from insteg.accounts.models import Organisation, Role, User
from insteg.accounts.tests.factories import MembershipFactory, OrganisationFactory
from insteg.core.demo import seed_all
from insteg.procurement.tests.factories import ProcurementFactory
from insteg.tests.personas import PERSONAS

DEMO_ACCOUNTS = {
    "procurement_officer": "upphandlare",
    "matching_officer": "matchare",
    "administrator": "admin",
    "data_protection_officer": "dataskydd",
    "supplier": "leverantor",
    "other_supplier": "leverantor2",
    "employment_officer": "af",
    "funder": "finansiar",
}

# The XSS payload, and a shorter one for fields too short to hold it.
PAYLOAD = "\"><script>alert('x1')</script><img src=x onerror=alert(1)>"
SHORT_PAYLOAD = "<i onclick=x1>"
RAW_MARKS = ("<script>alert('x1')", "<img src=x onerror", "<i onclick=x1>")
ESCAPED_MARKS = ("&lt;script&gt;alert(", "&lt;i onclick=x1&gt;")

# Text fields a payload cannot legitimately be stored in: they are validated identifiers, codes or addresses
# (a form refuses anything else), secrets, or written only by the code itself.
NOT_FREE_TEXT = {
    "accounts.User": {"password": "a hash", "username": "letters, digits and @.+-_ only", "email": "an address"},
    "accounts.Organisation": {"org_number": "a validated organisation number"},
    "accounts.ApiToken": {"digest": "a secret's hash", "token_key": "a secret's prefix"},
    "privacy.AuditEvent": {"action": "a code written by the code", "target_id": "an id"},
    "rules.Threshold": {"law": "a code (LOU, LUF)"},
    "rules.HistoricalThreshold": {"law": "a code (LOU, LUF)"},
    "procurement.Procurement": {"cpv_main": "a validated CPV code"},
    "procurement.Criterion": {"uhm_criterion_id": "an Upphandlingsmyndigheten id"},
    "procurement.HistoricalCriterion": {"uhm_criterion_id": "an Upphandlingsmyndigheten id"},
    "contracts.Occupation": {"code": "an SSYK code"},
    "matching.Participant": {"personnummer": "a validated personal identity number", "age_band": "derived code"},
    "matching.ParticipantView": {"where": "a code written by the code"},
}
NOT_FREE_TEXT_TYPES = (models.SlugField, models.EmailField, models.URLField)
# Optional references that are unique once set: poisoning the empty ones would make them all equal.
UNIQUE_WHEN_SET = {("matching.Participant", "referral_reference"), ("contracts.Position", "external_reference")}


def payload_fields():
    """(model, field) for every text field without choices of every model of ours that can hold free text."""
    from django.apps import apps

    for model in apps.get_models():
        if not model.__module__.startswith("insteg."):
            continue
        excluded = NOT_FREE_TEXT.get(model._meta.label, {})
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField) or field.choices:
                continue
            if isinstance(field, NOT_FREE_TEXT_TYPES) or field.name in excluded:
                continue
            yield model, field


def payload_for(field) -> str:
    return PAYLOAD if field.max_length is None or field.max_length >= len(PAYLOAD) else SHORT_PAYLOAD


def poison() -> int:
    """Put the payload at the start of every free-text value of every row; returns the rows changed."""
    changed = 0
    for model, field in payload_fields():
        payload = payload_for(field)
        if field.max_length is not None and field.max_length < len(payload):
            continue
        value = Concat(models.Value(payload), models.F(field.name), output_field=field)
        if field.max_length is not None:
            value = Left(value, field.max_length, output_field=field)
        rows = model._base_manager.all()
        if (model._meta.label, field.name) in UNIQUE_WHEN_SET:
            rows = rows.exclude(**{field.name: ""})
        changed += rows.update(**{field.name: value})
    return changed


def unescaped_marks(text: str) -> list[str]:
    return [mark for mark in RAW_MARKS if mark in text]


def has_escaped_payload(text: str) -> bool:
    return any(mark in text for mark in ESCAPED_MARKS) or html.escape(PAYLOAD) in text


def _other_employment_officer() -> User:
    office = OrganisationFactory(
        name="Arbetsförmedlingen Sundsvall", kind=Organisation.Kind.EMPLOYMENT_SERVICE, org_number=""
    )
    return MembershipFactory(organisation=office, role=Role.EMPLOYMENT_OFFICER, user__username="olle").user


@contextlib.contextmanager
def _references_after_the_demos():
    """The procurement factory numbers its references like the demo does: start it past the demo's numbers."""
    counter = ProcurementFactory._meta._counter
    before = counter.seq if counter else None
    ProcurementFactory.reset_sequence(9000, force=True)
    try:
        yield
    finally:
        if before is not None:
            ProcurementFactory.reset_sequence(before, force=True)


def build() -> dict:
    """Seed the demo and make every route's object; returns {"users": {persona: user}, "kwargs": {route: kwargs}}."""
    from insteg.tests.test_access_matrix import MATRIX

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        seed_all()
        users = {name: User.objects.get(username=username) for name, username in DEMO_ACCOUNTS.items()}
        users["other_employment_officer"] = _other_employment_officer()
        assert set(users) == set(PERSONAS) - {"anonymous"}
        route_kwargs = {}
        with _references_after_the_demos():
            for route, (_method, make_kwargs, _expected) in sorted(MATRIX.items()):
                route_kwargs[route] = make_kwargs(users) if make_kwargs else None
    return {"users": users, "kwargs": route_kwargs}


def url(world: dict, route: str, **query) -> str:
    return reverse(route, kwargs=world["kwargs"][route])


class ModuleWorld:
    """Enter: seed inside a transaction; exit: roll it all back, so no other test sees the world."""

    def __init__(self, blocker):
        self.blocker = blocker

    def __enter__(self) -> dict:
        self.unblocked = self.blocker.unblock()
        self.unblocked.__enter__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        return build()

    def __exit__(self, *exc):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)
        self.unblocked.__exit__(None, None, None)


class _FormParser(HTMLParser):
    """The forms of a page: method, action and fields (tag, type, name, value, first option's value)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "option" and self._select is not None:
            if not self._select["value"]:
                self._select["value"] = attrs.get("value") or ""
        elif tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action"), "fields": []}
            self.forms.append(self._form)
        elif self._form is None or not attrs.get("name"):
            return
        elif tag in ("input", "textarea"):
            kind = "textarea" if tag == "textarea" else (attrs.get("type") or "text").lower()
            self._form["fields"].append({"type": kind, "name": attrs["name"], "value": attrs.get("value") or ""})
        elif tag == "select":
            self._select = {"type": "select", "name": attrs["name"], "value": ""}
            self._form["fields"].append(self._select)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms(page: str) -> list[dict]:
    parser = _FormParser()
    parser.feed(page)
    return parser.forms
