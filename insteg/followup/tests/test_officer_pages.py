"""The matching officers' follow-up pages: what is due, a placement's follow-up and every step on it, as the
officer (acts), the referring employment officer (reads) and everyone else (nothing) meet them."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from insteg.accounts.models import Organisation, Role
from insteg.accounts.tests.factories import MembershipFactory, OrganisationFactory
from insteg.followup import services
from insteg.followup.models import Action, CheckIn, Situation
from insteg.matching.models import ParticipantView, Placement
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory


@pytest.fixture(autouse=True)
def _in_english(english):
    """The assertions read the English source texts."""


def _url(name, placement, **kwargs):
    return reverse(f"followup:{name}", kwargs={"pk": placement.pk, **kwargs})


def _today():
    return timezone.localdate()


def _later(days):
    """A moment `days` days from now, for time travel."""
    return timezone.now() + datetime.timedelta(days=days)


def _active(municipality, position, officer, first_name="Extra"):
    starts = _today() - datetime.timedelta(days=7)
    placement = PlacementFactory(
        participant=ParticipantFactory(municipality=municipality, first_name=first_name),
        position=position,
        starts_on=starts,
        planned_end_on=starts + datetime.timedelta(days=120),
        responsible=officer,
    )
    return services.start(placement, user=officer)


def _report(placement, user, category="attendance"):
    return services.report_situation(
        placement, user=user, category=category, severity="medium", occurred_on=_today(), description="Kom inte."
    )


def _check_in_form(**changes):
    data = {
        "done_on": _today().isoformat(),
        "channel": "visit",
        "with_whom": "both",
        "status": "needs_support",
        "categories": ["transport"],
        "notes": "Bussen går för sent på morgonen.",
        "next_check_in_on": "",
    }
    return {**data, **changes}


# --- Who reaches what -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("matching_officer", 200),
        ("employment_officer", 200),
        ("supplier", 404),
        ("other_supplier", 404),
        ("procurement_officer", 404),
        ("funder", 404),
        ("administrator", 404),
    ],
    indirect=["persona"],
)
def test_only_the_municipalitys_officers_and_the_referrer_reach_a_placements_follow_up(
    client, persona, expected, active_placement
):
    situation = _report(active_placement, active_placement.responsible)
    check_in = active_placement.check_ins.first()
    client.force_login(persona)
    for url in [
        _url("placement", active_placement),
        _url("check_in", active_placement, check_in_pk=check_in.pk),
        _url("situation", active_placement, situation_pk=situation.pk),
        _url("situation_report", active_placement),
    ]:
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("matching_officer", 200),
        ("employment_officer", 403),
        ("supplier", 403),
        ("other_supplier", 403),
        ("procurement_officer", 403),
        ("funder", 403),
        ("administrator", 403),
    ],
    indirect=["persona"],
)
def test_only_matching_officers_have_a_due_list(client, persona, expected):
    client.force_login(persona)
    assert client.get(reverse("followup:due")).status_code == expected


def test_anonymous_visitors_are_sent_to_sign_in(client, active_placement):
    for url in [reverse("followup:due"), _url("placement", active_placement), _url("end", active_placement)]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_placement_of_another_municipality_is_not_found(client, matching_officer, position):
    elsewhere = OrganisationFactory(name="Krokoms kommun", kind=Organisation.Kind.MUNICIPALITY, org_number="")
    placement = PlacementFactory(participant=ParticipantFactory(municipality=elsewhere), position=position)
    client.force_login(matching_officer)
    assert client.get(_url("placement", placement)).status_code == 404
    assert client.get(_url("start", placement)).status_code == 404
    assert client.post(_url("start", placement), {}).status_code == 404
    placement.refresh_from_db()
    assert placement.status == Placement.Status.PLANNED


def test_the_referrer_reads_without_forms_and_cannot_act(client, employment_officer, active_placement):
    situation = _report(active_placement, active_placement.responsible)
    check_in = active_placement.check_ins.first()
    services.record_check_in(
        check_in, user=active_placement.responsible, done_on=_today(), channel="phone", with_whom="both",
        status="on_track", actions=[{"text": "Ordna busskort", "owner": "municipality", "due_on": _later(5).date()}],
    )  # fmt: skip
    client.force_login(employment_officer)

    page = client.get(_url("placement", active_placement)).text
    assert "Follow-up of Amina Yusuf-Lindberg" in page and "Ordna busskort" in page and "Attendance" in page
    assert "Report a situation" in page  # the referrer may report one
    for officer_only in ["Mark as done", "End the placement", "Change the responsible officer", "Add a check-in"]:
        assert officer_only not in page
    assert "Record the check-in" not in client.get(_url("check_in", active_placement, check_in_pk=check_in.pk)).text
    situation_page = client.get(_url("situation", active_placement, situation_pk=situation.pk)).text
    assert "Kom inte." in situation_page and "Send the first response" not in situation_page

    assert client.get(_url("end", active_placement)).status_code == 403
    assert client.get(_url("responsible", active_placement)).status_code == 403
    assert client.get(_url("check_in_add", active_placement)).status_code == 403
    action = Action.objects.get()
    assert client.post(_url("action_done", active_placement, action_pk=action.pk)).status_code == 403
    response = client.post(
        _url("situation", active_placement, situation_pk=situation.pk), {"action": "respond", "text": "Vi ringer."}
    )
    assert response.status_code == 403
    assert client.post(_url("check_in", active_placement, check_in_pk=check_in.pk), _check_in_form()).status_code == 403
    action.refresh_from_db()
    situation.refresh_from_db()
    assert action.done_on is None and situation.first_response_at is None


# --- Due and overdue --------------------------------------------------------------------------------------------------


def test_the_due_list_shows_mine_or_the_teams_and_marks_the_overdue(
    client, matching_officer, municipality, position, active_placement
):
    colleague = MembershipFactory(organisation=municipality, role=Role.MATCHING_OFFICER, user__first_name="Stina").user
    theirs = _active(municipality, position, colleague, first_name="Bodil")
    _report(theirs, colleague)
    with time_machine.travel(_later(10), tick=False):
        client.force_login(matching_officer)
        mine = client.get(reverse("followup:due")).text
        team = client.get(reverse("followup:due") + "?team=1").text

    assert "Amina Yusuf-Lindberg" in mine and "Bodil" not in mine
    assert "After the first week" in mine and "Overdue" in mine and "⚠" in mine
    assert "1 check-in for you, 1 overdue" in mine
    assert "No situations are waiting for a first response." in mine
    assert "Amina Yusuf-Lindberg" in team and "Bodil" in team and theirs.responsible.name in team
    assert "2 check-ins for the team, 2 overdue" in team
    assert "1 situation awaiting a response, 1 overdue" in team


def test_a_check_in_due_in_a_few_days_is_listed_but_not_overdue(client, matching_officer, active_placement):
    client.force_login(matching_officer)
    page = client.get(reverse("followup:due")).text
    assert "After the first week" in page and "Due soon" in page and "Overdue" not in page


def test_the_due_list_logs_the_reads_of_the_people_it_shows(client, matching_officer, active_placement):
    client.force_login(matching_officer)
    client.get(reverse("followup:due"))
    view = ParticipantView.objects.get(participant=active_placement.participant)
    assert view.viewer == matching_officer and view.purpose == ParticipantView.Purpose.FOLLOW_UP


def test_the_due_list_costs_the_same_queries_for_1_or_10_placements(
    client, matching_officer, municipality, position, active_placement, django_assert_num_queries
):
    _report(active_placement, matching_officer)
    client.force_login(matching_officer)
    client.get(reverse("followup:due") + "?team=1")  # warm the session
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("followup:due") + "?team=1").status_code == 200

    for number in range(9):
        _report(_active(municipality, position, matching_officer, first_name=f"Person{number}"), matching_officer)
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(reverse("followup:due") + "?team=1").text
    assert "Person8" in page and "10 check-ins for the team" in page


# --- A placement's page ----------------------------------------------------------------------------------------------


def test_the_officer_sees_the_facts_schedule_and_what_can_be_done(client, matching_officer, active_placement):
    Placement.objects.filter(pk=active_placement.pk).update(agreed_adaptations=["gradual_start"])
    client.force_login(matching_officer)
    page = client.get(_url("placement", active_placement)).text
    assert "Follow-up of Amina Yusuf-Lindberg" in page and "Started" in page and matching_officer.name in page
    assert "Gradual start" in page and "Storsjöbygg AB" in page
    for step in ["After the first week", "After one month", "After three months", "At the end", "90 days after"]:
        assert step in page
    for button in ["Change the responsible officer", "Add a check-in", "Report a situation", "End the placement"]:
        assert button in page
    assert "Start the placement" not in page and "Outcome after 90 days" not in page


def test_the_placement_page_costs_the_same_queries_for_few_or_many_check_ins_and_situations(
    client, matching_officer, active_placement, django_assert_num_queries
):
    client.force_login(matching_officer)
    url = _url("placement", active_placement)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200

    for number in range(5):
        services.add_check_in(
            active_placement, user=matching_officer, due_on=_today() + datetime.timedelta(days=number + 1)
        )
        _report(
            active_placement, matching_officer, category=["tasks", "language", "transport", "other", "conflict"][number]
        )
    services.record_check_in(
        active_placement.check_ins.first(), user=matching_officer, done_on=_today(), channel="phone",
        with_whom="participant", status="on_track",
        actions=[{"text": f"Steg {n}", "owner": "host", "due_on": _today()} for n in range(3)],
    )  # fmt: skip
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url).text
    assert page.count("Extra check-in") == 5 and "Steg 2" in page and "Conflict" in page


# --- Starting, the responsible officer, adding a check-in ------------------------------------------------------------


def test_starting_a_planned_placement_makes_its_schedule(client, matching_officer, placement):
    client.force_login(matching_officer)
    page = client.get(_url("placement", placement)).text
    assert "Start the placement" in page and "The check-in schedule is made when the placement starts." in page
    response = client.post(_url("start", placement), follow=True)  # no date: it started as planned
    assert "The placement has started" in response.text
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ACTIVE and placement.check_ins.count() == 5
    again = client.get(_url("start", placement)).text
    assert "The placement has already started." in again and "Record the start</button>" not in again


def test_a_start_date_in_the_future_is_refused_on_the_field(client, matching_officer, placement):
    client.force_login(matching_officer)
    tomorrow = (_today() + datetime.timedelta(days=1)).isoformat()
    response = client.post(_url("start", placement), {"started_on": tomorrow})
    assert response.status_code == 200 and "The date cannot be in the future." in response.text
    placement.refresh_from_db()
    assert placement.status == Placement.Status.PLANNED and not placement.check_ins.exists()


def test_changing_the_responsible_officer_moves_the_open_check_ins(
    client, matching_officer, municipality, active_placement
):
    colleague = MembershipFactory(organisation=municipality, role=Role.MATCHING_OFFICER).user
    client.force_login(matching_officer)
    page = client.get(_url("responsible", active_placement)).text
    assert colleague.name in page
    response = client.post(_url("responsible", active_placement), {"officer": colleague.pk})
    assert response.status_code == 302
    assert set(active_placement.check_ins.open().values_list("assigned_to", flat=True)) == {colleague.pk}


def test_only_the_municipalitys_matching_officers_can_be_made_responsible(
    client, matching_officer, procurement_officer, active_placement
):
    client.force_login(matching_officer)
    response = client.post(_url("responsible", active_placement), {"officer": procurement_officer.pk})
    assert response.status_code == 200 and "There is a problem" in response.text
    active_placement.refresh_from_db()
    assert active_placement.responsible == matching_officer


def test_an_extra_check_in_is_added_to_the_schedule(client, matching_officer, active_placement):
    client.force_login(matching_officer)
    day = _today() + datetime.timedelta(days=3)
    response = client.post(_url("check_in_add", active_placement), {"due_on": day.isoformat()}, follow=True)
    assert "The extra check-in is added to the schedule." in response.text
    assert active_placement.check_ins.filter(due_on=day).exists()
    past = client.post(_url("check_in_add", active_placement), {"due_on": _today().isoformat()})
    assert "The next check-in must be after today." in past.text


def test_a_planned_placement_has_no_schedule_to_add_to_nor_situations_to_report(client, matching_officer, placement):
    client.force_login(matching_officer)
    assert "The schedule starts when the placement starts." in client.get(_url("check_in_add", placement)).text
    response = client.post(
        _url("check_in_add", placement), {"due_on": (_today() + datetime.timedelta(days=3)).isoformat()}
    )
    assert response.status_code == 200 and not placement.check_ins.exists()
    assert (
        "Situations are reported once the placement has started."
        in client.get(_url("situation_report", placement)).text
    )


# --- Check-ins --------------------------------------------------------------------------------------------------------


def test_recording_a_check_in_creates_its_actions_and_the_next_check_in(client, matching_officer, active_placement):
    check_in = active_placement.check_ins.first()
    next_day = _today() + datetime.timedelta(days=14)
    client.force_login(matching_officer)
    form = client.get(_url("check_in", active_placement, check_in_pk=check_in.pk)).text
    assert "Record the check-in" in form and "Never write health details" in form
    data = _check_in_form(
        action_1_text="Ordna busskort", action_1_owner="municipality", action_1_due_on=next_day.isoformat(),
        action_3_text="Visa maskinen", action_3_owner="host", action_3_due_on=next_day.isoformat(),
        next_check_in_on=next_day.isoformat(),
    )  # fmt: skip
    response = client.post(_url("check_in", active_placement, check_in_pk=check_in.pk), data, follow=True)
    assert "The check-in is recorded." in response.text

    check_in.refresh_from_db()
    assert check_in.done_on == _today() and check_in.status == "needs_support" and check_in.categories == ["transport"]
    assert sorted(check_in.actions.values_list("text", "owner")) == [
        ("Ordna busskort", "municipality"),
        ("Visa maskinen", "host"),
    ]
    assert active_placement.check_ins.filter(due_on=next_day, step__isnull=True).exists()
    shown = client.get(_url("check_in", active_placement, check_in_pk=check_in.pk)).text
    assert "Bussen går för sent" in shown and "Ordna busskort" in shown and "Transport" in shown
    assert "Record the check-in" not in shown


def test_a_half_filled_action_row_is_pointed_out(client, matching_officer, active_placement):
    check_in = active_placement.check_ins.first()
    client.force_login(matching_officer)
    response = client.post(
        _url("check_in", active_placement, check_in_pk=check_in.pk), _check_in_form(action_2_text="Ringa chefen")
    )
    assert response.status_code == 200 and "Fill in the whole action, or leave the row empty." in response.text
    check_in.refresh_from_db()
    assert check_in.done_on is None and not Action.objects.exists()


def test_health_words_in_the_notes_are_refused_and_nothing_is_stored(client, matching_officer, active_placement):
    check_in = active_placement.check_ins.first()
    client.force_login(matching_officer)
    data = _check_in_form(
        notes="Hon har ångest på morgnarna.",
        action_1_text="Ordna busskort", action_1_owner="municipality", action_1_due_on=_today().isoformat(),
        next_check_in_on=(_today() + datetime.timedelta(days=3)).isoformat(),
    )  # fmt: skip
    response = client.post(_url("check_in", active_placement, check_in_pk=check_in.pk), data)
    assert response.status_code == 200 and "There is a problem" in response.text
    assert "must not hold health details" in response.text and "ångest" in response.text
    check_in.refresh_from_db()
    assert check_in.done_on is None and check_in.notes == ""
    assert not Action.objects.exists() and active_placement.check_ins.count() == 5


def test_a_check_in_held_in_the_future_is_refused(client, matching_officer, active_placement):
    check_in = active_placement.check_ins.first()
    client.force_login(matching_officer)
    tomorrow = (_today() + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        _url("check_in", active_placement, check_in_pk=check_in.pk), _check_in_form(done_on=tomorrow)
    )
    assert response.status_code == 200 and "The date cannot be in the future." in response.text
    check_in.refresh_from_db()
    assert check_in.done_on is None


def test_a_recorded_check_in_cannot_be_recorded_again(client, matching_officer, active_placement):
    check_in = active_placement.check_ins.first()
    client.force_login(matching_officer)
    client.post(_url("check_in", active_placement, check_in_pk=check_in.pk), _check_in_form())
    response = client.post(
        _url("check_in", active_placement, check_in_pk=check_in.pk), _check_in_form(status="at_risk"), follow=True
    )
    assert "already recorded" in response.text
    check_in.refresh_from_db()
    assert check_in.status == "needs_support"


def test_a_check_in_of_another_placement_is_not_found(
    client, matching_officer, municipality, position, active_placement
):
    other = _active(municipality, position, matching_officer)
    client.force_login(matching_officer)
    url = _url("check_in", active_placement, check_in_pk=other.check_ins.first().pk)
    assert client.get(url).status_code == 404


def test_an_action_is_marked_done(client, matching_officer, active_placement):
    check_in = active_placement.check_ins.first()
    services.record_check_in(
        check_in, user=matching_officer, done_on=_today(), channel="phone", with_whom="both", status="on_track",
        actions=[{"text": "Ordna busskort", "owner": "municipality", "due_on": _today()}],
    )  # fmt: skip
    action = Action.objects.get()
    client.force_login(matching_officer)
    assert client.get(_url("action_done", active_placement, action_pk=action.pk)).status_code == 405
    response = client.post(_url("action_done", active_placement, action_pk=action.pk), {"back": "check_in"})
    assert response.url == _url("check_in", active_placement, check_in_pk=check_in.pk)
    action.refresh_from_db()
    assert action.done_on == _today()
    page = client.get(_url("placement", active_placement)).text
    assert "The action is marked as done." in page and "Mark as done" not in page


# --- Ending and the outcome after 90 days --------------------------------------------------------------------------


def test_ending_early_then_the_outcome_after_90_days_only_from_the_90th_day(client, matching_officer, active_placement):
    client.force_login(matching_officer)
    form = client.get(_url("end", active_placement)).text
    assert "75 percent" in form and "never write health details" in form
    response = client.post(
        _url("end", active_placement),
        {
            "ended_on": _today().isoformat(),
            "end_reason": "participant",
            "outcome_at_end": "employment_service",
            "outcome_at_end_evidence": "self_reported",
        },
        follow=True,
    )
    assert "The placement has ended." in response.text
    active_placement.refresh_from_db()
    assert active_placement.status == Placement.Status.ENDED and active_placement.ended_early
    due_on = (_today() + datetime.timedelta(days=90)).isoformat()
    assert f"Outcome after 90 days (from {due_on})" in response.text

    data = {"outcome_90": "other_job", "outcome_90_evidence": "employer_confirmed"}
    too_early = client.post(_url("outcome_90", active_placement), data)
    assert too_early.status_code == 200 and f"can be recorded from {due_on}" in too_early.text
    active_placement.refresh_from_db()
    assert active_placement.outcome_90 == ""

    with time_machine.travel(_later(91), tick=False):
        client.force_login(matching_officer)
        response = client.post(_url("outcome_90", active_placement), data, follow=True)
        assert "The outcome after 90 days is recorded." in response.text
    active_placement.refresh_from_db()
    assert active_placement.outcome_90 == "other_job" and active_placement.outcome_90_evidence == "employer_confirmed"


def test_completed_is_refused_for_an_end_weeks_before_the_plan(client, matching_officer, active_placement):
    client.force_login(matching_officer)
    response = client.post(
        _url("end", active_placement),
        {"ended_on": _today().isoformat(), "end_reason": "completed", "outcome_at_end": "unknown"},
    )
    assert response.status_code == 200 and "choose why it ended early" in response.text
    active_placement.refresh_from_db()
    assert active_placement.status == Placement.Status.ACTIVE


def test_a_planned_placement_cannot_be_ended_and_an_active_one_has_no_90_day_outcome(
    client, matching_officer, placement
):
    client.force_login(matching_officer)
    assert "Record the start first" in client.get(_url("end", placement)).text
    assert "once the placement has ended" in client.get(_url("outcome_90", placement)).text
    response = client.post(_url("outcome_90", placement), {"outcome_90": "other_job"})
    assert response.status_code == 200
    placement.refresh_from_db()
    assert placement.outcome_90 == ""


# --- Situations -------------------------------------------------------------------------------------------------------


def test_a_situation_reported_answered_resolved_and_reopened_keeps_its_history_in_order(
    client, matching_officer, active_placement
):
    client.force_login(matching_officer)
    response = client.post(
        _url("situation_report", active_placement),
        {
            "category": "transport",
            "severity": "medium",
            "occurred_on": _today().isoformat(),
            "description": "Missade bussen.",
        },
        follow=True,
    )
    assert "The situation is reported. The first response is due by" in response.text
    situation = Situation.objects.get()
    url = _url("situation", active_placement, situation_pk=situation.pk)
    assert "Send the first response" in response.text and "Resolve" in response.text
    assert '<h2 id="respond-title">Respond</h2>' in response.text

    steps = [
        ({"action": "respond", "text": "Vi ringer henne i dag."}, "Your response is added to the history."),
        ({"action": "respond", "text": "Busskortet är beställt."}, "Your response is added to the history."),
        ({"action": "resolve", "text": "Hon har nu busskort."}, "The situation is resolved."),
        ({"action": "reopen", "text": "Bussen är inställd igen."}, "The situation is reopened."),
    ]
    for data, message in steps:
        page = client.post(url, data, follow=True).text
        assert message in page

    history = page[page.index("History") :]
    order = ["Reported", "First response", "Vi ringer", "Note", "Busskortet", "Resolved", "Hon har nu", "Reopened"]
    positions = [history.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Send the first response" not in page and "Add the note" in page
    situation.refresh_from_db()
    assert situation.resolved_at is None and situation.first_response_at is not None


def test_a_step_that_does_not_fit_the_state_is_refused(client, matching_officer, active_placement):
    situation = _report(active_placement, matching_officer)
    client.force_login(matching_officer)
    url = _url("situation", active_placement, situation_pk=situation.pk)
    response = client.post(url, {"action": "reopen", "text": "Igen."}, follow=True)
    assert "That step is not possible" in response.text
    response = client.post(url, {"action": "respond", "text": ""})
    assert response.status_code == 200 and "There is a problem" in response.text
    assert situation.events.count() == 1


def test_health_words_in_a_situation_are_refused(client, matching_officer, active_placement):
    client.force_login(matching_officer)
    response = client.post(
        _url("situation_report", active_placement),
        {
            "category": "attendance",
            "severity": "high",
            "occurred_on": _today().isoformat(),
            "description": "Sjukskriven.",
        },
    )
    assert response.status_code == 200 and "must not hold health details" in response.text
    assert not Situation.objects.exists()


def test_the_referrer_reports_a_situation(client, employment_officer, active_placement):
    client.force_login(employment_officer)
    response = client.post(
        _url("situation_report", active_placement),
        {
            "category": "language",
            "severity": "low",
            "occurred_on": _today().isoformat(),
            "description": "Behöver tolk.",
        },
    )
    assert response.status_code == 302
    assert Situation.objects.get().reporter == Situation.Reporter.EMPLOYMENT_SERVICE


def test_an_overdue_situation_stands_out_on_its_page(client, matching_officer, active_placement):
    situation = _report(active_placement, matching_officer)
    with time_machine.travel(_later(14), tick=False):
        client.force_login(matching_officer)
        page = client.get(_url("situation", active_placement, situation_pk=situation.pk)).text
        placement_page = client.get(_url("placement", active_placement)).text
    assert "⚠" in page and "Overdue" in page and "Overdue" in placement_page


def test_the_check_in_page_shows_what_is_no_longer_needed(client, matching_officer, active_placement):
    services.end(
        active_placement, user=matching_officer, ended_on=_today(), reason="participant", outcome="unknown", evidence=""
    )
    cancelled = CheckIn.objects.filter(cancelled_at__isnull=False).first()
    client.force_login(matching_officer)
    page = client.get(_url("check_in", active_placement, check_in_pk=cancelled.pk)).text
    assert "No longer needed" in page and "Record the check-in" not in page
