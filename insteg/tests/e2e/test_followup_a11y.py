"""The follow-up pages as the matching officer, the referring officer, the host and the administrator see them,
in Swedish and English: zero axe violations (with every kind of row: overdue, recorded, answered)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from insteg.accounts.models import Role
from insteg.accounts.tests.factories import MembershipFactory, OrganisationFactory
from insteg.contracts.tests.factories import PositionFactory
from insteg.followup import services as followup_services
from insteg.followup.models import CheckInStep, ResponseTimeLimit, Situation
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory
from insteg.tests.e2e.test_pages_a11y import _assert_accessible, _sign_in


def _followed(user, *, start=True):
    """A placement of the officer's municipality (or referred by the employment officer) a month under way:
    an overdue check-in, a recorded one with actions, an overdue situation and a responded one."""
    officer = user if user.organisation.kind == "municipality" else None
    municipality = user.organisation if officer else OrganisationFactory(municipality=True)
    person = ParticipantFactory(
        municipality=municipality, referred_by=None if officer else user, adaptations=["gradual_start"]
    )
    starts = timezone.localdate() - datetime.timedelta(days=30)
    placement = PlacementFactory(
        participant=person, position=PositionFactory(), starts_on=starts,
        planned_end_on=starts + datetime.timedelta(days=120), responsible=officer, agreed_adaptations=["gradual_start"],
    )  # fmt: skip
    if not start:
        return placement
    followup_services.start(placement, user=officer)
    placement.refresh_from_db()
    if officer:
        followup_services.record_check_in(
            placement.check_ins.order_by("due_on").first(), user=officer, done_on=timezone.localdate(),
            channel="visit", with_whom="both", status="needs_support", categories=["transport"], notes="Bussen.",
            actions=[{"text": "Ordna busskort", "owner": "municipality", "due_on": starts},
                     {"text": "Visa maskinen", "owner": "host", "due_on": timezone.localdate()}],
        )  # fmt: skip
        late = followup_services.report_situation(
            placement, user=officer, category="transport", severity="high", occurred_on=starts,
            description="Missade bussen.",
        )  # fmt: skip
        Situation.objects.filter(pk=late.pk).update(response_due_at=timezone.now() - datetime.timedelta(days=3))
        answered = followup_services.report_situation(
            placement, user=officer, category="tasks", severity="low", occurred_on=starts, description="Nya uppgifter."
        )
        followup_services.respond(answered, user=officer, text="Vi pratar med handledaren.")
    return placement


def _pk(user):
    return {"pk": _followed(user).pk}


def _planned(user):
    return {"pk": _followed(user, start=False).pk}


def _ended(user):
    placement = _followed(user)
    followup_services.end(placement, user=user, ended_on=timezone.localdate(), reason="participant",
                          outcome="other_job", evidence="self_reported")  # fmt: skip
    return {"pk": placement.pk}


def _open_check_in(user):
    placement = _followed(user)
    return {"pk": placement.pk, "check_in_pk": placement.check_ins.filter(done_on__isnull=True).first().pk}


def _recorded_check_in(user):
    placement = _followed(user)
    return {"pk": placement.pk, "check_in_pk": placement.check_ins.get(done_on__isnull=False).pk}


def _situation(user):
    placement = _followed(user)
    return {"pk": placement.pk, "situation_pk": placement.situations.get(category="tasks").pk}


def _due(user):
    _followed(user)
    return {}


def _host(user):
    """A placement at the host's own position, a situation the host reported and one it has resolved."""
    municipality = OrganisationFactory(municipality=True)
    officer = MembershipFactory(organisation=municipality, role=Role.MATCHING_OFFICER).user
    starts = timezone.localdate() - datetime.timedelta(days=30)
    placement = PlacementFactory(
        participant=ParticipantFactory(municipality=municipality),
        position=PositionFactory(contract__supplier=user.organisation),
        starts_on=starts, planned_end_on=starts + datetime.timedelta(days=120), responsible=officer,
        agreed_adaptations=["gradual_start"],
    )  # fmt: skip
    followup_services.start(placement, user=officer)
    for description in ("Kom inte i måndags.", "Osäker på arbetsuppgifterna."):
        situation = followup_services.report_situation(
            placement, user=user, category="attendance", severity="low", occurred_on=starts, description=description
        )
    followup_services.resolve(situation, user=officer, resolution="Handledaren har gått igenom uppgifterna.")
    return {"pk": placement.pk}


def _first(model):
    return lambda user: {"pk": model.objects.order_by("pk").first().pk}


PAGES = [
    ("matching_officer", "followup:due", _due),
    ("matching_officer", "followup:placement", _pk),
    ("matching_officer", "followup:placement", _ended),
    ("employment_officer", "followup:placement", _pk),
    ("matching_officer", "followup:start", _planned),
    ("matching_officer", "followup:responsible", _pk),
    ("matching_officer", "followup:end", _pk),
    ("matching_officer", "followup:outcome_90", _ended),
    ("matching_officer", "followup:check_in_add", _pk),
    ("matching_officer", "followup:check_in", _open_check_in),
    ("matching_officer", "followup:check_in", _recorded_check_in),
    ("employment_officer", "followup:check_in", _open_check_in),
    ("matching_officer", "followup:situation_report", _pk),
    ("matching_officer", "followup:situation", _situation),
    ("supplier", "followup:host_placement", _host),
    ("matching_officer", "followup:rules", lambda user: {}),
    ("administrator", "followup:rules", lambda user: {}),
    ("administrator", "followup:step_create", lambda user: {}),
    ("administrator", "followup:step_edit", _first(CheckInStep)),
    ("administrator", "followup:limit_edit", _first(ResponseTimeLimit)),
]


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(("persona_name", "route", "make_kwargs"), PAGES)
def test_follow_up_pages_have_no_axe_violations(request, live_server, page, persona_name, route, make_kwargs, language):
    user = request.getfixturevalue(persona_name)
    _sign_in(page, live_server.url, user, language)
    response = page.goto(live_server.url + reverse(route, kwargs=make_kwargs(user) or None))
    assert response.status == 200
    _assert_accessible(page, language)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_check_in_form_with_errors_has_no_axe_violations(request, live_server, page, language):
    user = request.getfixturevalue("matching_officer")
    _sign_in(page, live_server.url, user, language)
    page.goto(live_server.url + reverse("followup:check_in", kwargs=_open_check_in(user)))
    page.fill("#id_action_1_text", "Ringa")
    page.click("main form button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    _assert_accessible(page, language)
