"""The data-protection, retention and account-security pages, in Swedish and English: zero axe violations,
with rows in every table (a participant read by an officer, a proposal waiting, a hold, a disposal carried out)."""

import pytest
from django.urls import reverse

from insteg.matching import services as matching_services
from insteg.matching.tests.factories import ParticipantFactory
from insteg.retention import services as retention_services
from insteg.retention.models import LegalHold, RecordType, RetentionRule
from insteg.tests.e2e.test_pages_a11y import _assert_accessible, _sign_in

PUBLIC_PAGES = [
    ("privacy:processing_records", None),
    ("privacy:notice", {"purpose": "participants"}),
    ("privacy:notice", {"purpose": "training_registration"}),
    ("privacy:notice", {"purpose": "supplier_contact"}),
    ("privacy:notice", {"purpose": "staff"}),
]


def _participant(user):
    return ParticipantFactory(municipality=user.organisation)


def _read_participant(user):
    """A participant of the officer's municipality, read once by a colleague (a row in the view log)."""
    person = _participant(user)
    matching_services.log_views(None, [person], purpose="matching", where="participant page")
    return {}


def _proposal_waiting(user):
    """The view-log rule in force with a decision, and one proposal waiting; one hold; one disposal done."""
    from insteg.accounts.models import Role, User

    administrator = User.objects.filter(memberships__role=Role.ADMINISTRATOR).first() or user
    rule = RetentionRule.objects.get(record_type=RecordType.PARTICIPANT_VIEW)
    rule.decision_ref, rule.enabled = "KS 2025/17 Dokumenthanteringsplan § 4.2", True
    rule.save()
    rule.batches.create(record_ids=[1, 2, 3])
    LegalHold.objects.create(
        record_type=RecordType.PARTICIPANT,
        record_id=_participant(user).pk,
        reason="Överprövning",
        placed_by=administrator,
    )
    return {}


SIGNED_IN_PAGES = [
    ("data_protection_officer", "privacy:overview", None),
    ("data_protection_officer", "privacy:requests", None),
    ("data_protection_officer", "privacy:participant_request", lambda user: {"pk": _participant(user).pk}),
    ("data_protection_officer", "privacy:user_request", lambda user: {"pk": user.pk}),
    ("data_protection_officer", "privacy:view_log", _read_participant),
    ("data_protection_officer", "retention:overview", _proposal_waiting),
    ("administrator", "retention:overview", _proposal_waiting),
    ("administrator", "retention:rule_edit", lambda user: {"record_type": "participant"}),
    ("administrator", "retention:holds", _proposal_waiting),
    ("administrator", "retention:records", None),
    ("supplier", "privacy:my_data", None),
    ("supplier", "accounts:profile", None),
    ("supplier", "accounts:two_factor_enable", None),
    ("matching_officer", "accounts:two_factor", None),
]


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(("route", "kwargs"), PUBLIC_PAGES)
def test_public_privacy_pages_have_no_axe_violations(live_server, page, route, kwargs, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(live_server.url + reverse(route, kwargs=kwargs))
    _assert_accessible(page, language)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(("persona_name", "route", "make_kwargs"), SIGNED_IN_PAGES)
def test_privacy_pages_have_no_axe_violations(request, live_server, page, persona_name, route, make_kwargs, language):
    user = request.getfixturevalue(persona_name)
    kwargs = make_kwargs(user) if make_kwargs else None
    _sign_in(page, live_server.url, user, language)
    page.goto(live_server.url + reverse(route, kwargs=kwargs or None))
    _assert_accessible(page, language)


def test_a_disposal_carried_out_is_listed_accessibly(live_server, page, administrator):
    """The record of disposals after a real run: rule in force, proposal approved, applied."""
    rule = RetentionRule.objects.get(record_type=RecordType.PARTICIPANT_VIEW)
    retention_services.update_rule(
        rule, by=administrator, months=rule.months, action=rule.action, decision_ref="KS 2025/17", enabled=True
    )
    batch = rule.batches.create(record_ids=[])
    retention_services.approve(batch, administrator)
    retention_services.apply_approved(by=administrator)
    _sign_in(page, live_server.url, administrator, "sv")
    page.goto(live_server.url + reverse("retention:records"))
    _assert_accessible(page, "sv")
    assert "KS 2025/17" in page.locator("main").inner_text()
