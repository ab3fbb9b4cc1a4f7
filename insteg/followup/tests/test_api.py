"""The follow-up API: who reaches what, check-ins with actions, ending and the 90-day outcome, situations from the
host's report to their resolution, bad input that stores nothing, and lists that cost a constant number of queries.
"""

import datetime
import json

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from insteg.accounts.models import Role
from insteg.accounts.tests.factories import MembershipFactory
from insteg.followup import services
from insteg.followup.models import Action, CheckIn, Situation, SituationEvent
from insteg.matching.models import ParticipantView
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory

# Neither the municipality's matching officers nor the referrer nor the host: the follow-up does not exist for them.
OUTSIDERS = ["procurement_officer", "administrator", "supplier", "other_supplier", "funder"]
NOT_HOSTS = ["procurement_officer", "administrator", "other_supplier", "funder"]


def _post(client, url, data=None):
    return client.post(url, data=json.dumps(data if data is not None else {}), content_type="application/json")


def _patch(client, url, data):
    return client.patch(url, data=json.dumps(data), content_type="application/json")


def _url(name, placement, **kwargs):
    return reverse(f"api:{name}", kwargs={"pk": placement.pk, **kwargs})


def _days(number: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=number)).isoformat()


def _views(user, placement):
    return ParticipantView.objects.filter(viewer=user, participant=placement.participant, purpose="follow_up")


def _started(position, officer, *, days_ago: int, participant=None):
    """A four-month placement that started `days_ago` days ago, with its schedule."""
    starts = timezone.localdate() - datetime.timedelta(days=days_ago)
    placement = PlacementFactory(
        participant=participant or ParticipantFactory(municipality=officer.organisation),
        position=position,
        starts_on=starts,
        planned_end_on=starts + relativedelta(months=4) - datetime.timedelta(days=1),
        responsible=officer,
    )
    return services.start(placement, user=officer)


def _first(placement) -> CheckIn:
    return placement.check_ins.order_by("due_on", "pk").first()


@pytest.fixture
def colleague(municipality):
    return MembershipFactory(organisation=municipality, role=Role.MATCHING_OFFICER, user__username="frida").user


@pytest.fixture
def record():
    """What a matching officer writes after the first-week check-in."""
    return {
        "done_on": _days(0),
        "channel": "visit",
        "with_whom": "both",
        "status": "needs_support",
        "categories": ["language", "transport"],
        "notes": "Bussen går för sent för passet klockan sju.",
        "actions": [
            {"text": "Ta fram en ordlista för lagret", "owner": "host", "due_on": _days(7)},
            {"text": "Ansök om busskort", "owner": "municipality", "due_on": _days(3)},
        ],
        "next_check_in_on": _days(14),
    }


@pytest.fixture
def host_situation(active_placement, supplier):
    return services.report_situation(
        active_placement,
        user=supplier,
        category="attendance",
        severity="medium",
        occurred_on=timezone.localdate(),
        description="Kom inte till passet i morse och svarade inte i telefon.",
    )


@pytest.fixture
def officer_situation(active_placement, matching_officer):
    return services.report_situation(
        active_placement,
        user=matching_officer,
        category="language",
        severity="low",
        occurred_on=timezone.localdate(),
        description="Behöver stöd med ordförrådet för lagret.",
    )


# --- The due list -----------------------------------------------------------------------------------------------


def test_a_matching_officer_sees_their_own_check_ins_due_and_overdue(
    client, matching_officer, colleague, active_placement, position
):
    late = _started(position, matching_officer, days_ago=21)
    someone_elses = _started(position, colleague, days_ago=7)
    client.force_login(matching_officer)

    response = client.get(reverse("api:followups_due"))

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert {item["assigned_to"] for item in body["results"]} == {matching_officer.pk}
    assert someone_elses.pk not in {item["placement"] for item in body["results"]}
    today = next(item for item in body["results"] if item["placement"] == active_placement.pk)
    assert today == {
        "id": _first(active_placement).pk,
        "placement": active_placement.pk,
        "participant": active_placement.participant_id,
        "participant_name": "Amina Yusuf-Lindberg",
        "name": "Efter första veckan",
        "due_on": _days(0),
        "overdue": False,
        "assigned_to": matching_officer.pk,
        "assigned_to_name": matching_officer.name,
    }
    overdue = next(item for item in body["results"] if item["placement"] == late.pk)
    assert overdue["due_on"] == _days(-14) and overdue["overdue"] is True
    assert [item["due_on"] for item in body["results"]] == sorted(item["due_on"] for item in body["results"])
    assert _views(matching_officer, active_placement).filter(where="api").count() == 1


def test_the_team_scope_lists_every_officers_check_ins(client, matching_officer, colleague, active_placement, position):
    someone_elses = _started(position, colleague, days_ago=7)
    client.force_login(matching_officer)

    results = client.get(reverse("api:followups_due"), {"scope": "team"}).json()["results"]

    assert {item["placement"] for item in results} == {active_placement.pk, someone_elses.pk}
    assert {item["assigned_to"] for item in results} == {matching_officer.pk, colleague.pk}


def test_an_unknown_scope_is_bad_input(english, matching_officer):
    english.force_login(matching_officer)

    response = english.get(reverse("api:followups_due"), {"scope": "everyone"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"scope"}


@pytest.mark.parametrize("persona", [*OUTSIDERS, "employment_officer"], indirect=True)
def test_only_matching_officers_have_a_due_list(client, persona, active_placement):
    client.force_login(persona)

    assert client.get(reverse("api:followups_due")).status_code == 403
    assert not ParticipantView.objects.filter(viewer=persona).exists()


def test_anonymous_clients_get_401_everywhere(client, active_placement, host_situation):
    check_in = _first(active_placement)
    reads = [
        reverse("api:followups_due"),
        _url("followups", active_placement),
        _url("followup", active_placement, check_in_pk=check_in.pk),
        _url("situations", active_placement),
        _url("situation", active_placement, situation_pk=host_situation.pk),
    ]
    writes = [
        _url("followups", active_placement),
        _url("placement_start", active_placement),
        _url("placement_end", active_placement),
        _url("placement_outcome_90", active_placement),
        _url("situations", active_placement),
        _url("situation_events", active_placement, situation_pk=host_situation.pk),
    ]
    assert {client.get(url).status_code for url in reads} == {401}
    assert {_post(client, url).status_code for url in writes} == {401}
    assert _patch(client, reads[2], {}).status_code == 401


# The session, the user, the throttle's cache row (six), the memberships, counting, one page of check-ins with
# their placement, participant and officer, and the view-log insert.
DUE_LIST_QUERIES = 12


def test_the_due_list_costs_the_same_queries_for_one_placement_or_many(
    client, matching_officer, active_placement, position, django_assert_num_queries
):
    client.force_login(matching_officer)
    client.get(reverse("api:followups_due"))  # the throttle's first write
    with django_assert_num_queries(DUE_LIST_QUERIES):
        assert client.get(reverse("api:followups_due"), {"scope": "team"}).json()["count"] == 1
    for days_ago in (7, 21, 35):
        _started(position, matching_officer, days_ago=days_ago)
    with django_assert_num_queries(DUE_LIST_QUERIES):
        assert client.get(reverse("api:followups_due"), {"scope": "team"}).json()["count"] >= 4


# --- Check-ins: reading -----------------------------------------------------------------------------------------


def test_the_officer_and_the_referrer_read_the_check_ins_with_their_actions(
    client, matching_officer, employment_officer, active_placement, record
):
    check_in = _first(active_placement)
    services.record_check_in(
        check_in,
        user=matching_officer,
        done_on=timezone.localdate(),
        channel="phone",
        with_whom="supervisor",
        status="on_track",
        actions=[{"text": "Boka in ett trepartssamtal", "owner": "municipality", "due_on": timezone.localdate()}],
    )
    for user in (matching_officer, employment_officer):
        client.force_login(user)

        listed = client.get(_url("followups", active_placement))
        one = client.get(_url("followup", active_placement, check_in_pk=check_in.pk))

        assert listed.status_code == 200 and one.status_code == 200
        results = listed.json()["results"]
        assert [item["name"] for item in results] == [
            "Efter första veckan",
            "Efter en månad",
            "Efter tre månader",
            "Vid avslut",
            "90 dagar efter avslut",
        ]
        assert results[0] == one.json()
        assert one.json()["status"] == "on_track" and one.json()["assigned_to"] == matching_officer.pk
        assert [action["text"] for action in one.json()["actions"]] == ["Boka in ett trepartssamtal"]
        assert results[1]["actions"] == [] and results[1]["done_on"] is None
        assert _views(user, active_placement).count() == 2


@pytest.mark.parametrize("persona", OUTSIDERS, indirect=True)
def test_no_one_else_finds_the_check_ins(client, persona, active_placement, record):
    check_in = _first(active_placement)
    client.force_login(persona)

    assert client.get(_url("followups", active_placement)).status_code == 404
    assert client.get(_url("followup", active_placement, check_in_pk=check_in.pk)).status_code == 404
    assert _post(client, _url("followups", active_placement), {"due_on": _days(10)}).status_code == 404
    assert _patch(client, _url("followup", active_placement, check_in_pk=check_in.pk), record).status_code == 404
    assert not ParticipantView.objects.filter(viewer=persona).exists()
    assert not CheckIn.objects.filter(done_on__isnull=False).exists()


def test_a_check_in_of_another_placement_is_not_found(client, matching_officer, active_placement, position):
    other = _started(position, matching_officer, days_ago=7)
    client.force_login(matching_officer)

    assert client.get(_url("followup", active_placement, check_in_pk=_first(other).pk)).status_code == 404


# The session, the user, the throttle's cache row (six), the memberships, the placement with what it joins, the
# view-log insert, counting, one page of check-ins, their actions, and the time limits the shared pagination reads.
CHECK_IN_LIST_QUERIES = 15


def test_the_check_in_list_costs_the_same_queries_for_few_or_many(
    client, matching_officer, active_placement, django_assert_num_queries
):
    client.force_login(matching_officer)
    client.get(_url("followups", active_placement))  # the throttle's first write
    with django_assert_num_queries(CHECK_IN_LIST_QUERIES):
        assert client.get(_url("followups", active_placement)).json()["count"] == 5
    for check_in in active_placement.check_ins.all()[:3]:
        Action.objects.bulk_create(
            Action(check_in=check_in, text="Följ upp", owner="host", due_on=check_in.due_on) for _ in range(3)
        )
    for weeks in (2, 3, 4):
        services.add_check_in(
            active_placement, user=matching_officer, due_on=timezone.localdate() + relativedelta(weeks=weeks)
        )
    with django_assert_num_queries(CHECK_IN_LIST_QUERIES):
        assert client.get(_url("followups", active_placement)).json()["count"] == 8


# --- Check-ins: writing -----------------------------------------------------------------------------------------


def test_the_officer_records_a_check_in_with_actions_and_the_next_check_in(
    client, matching_officer, active_placement, record
):
    check_in = _first(active_placement)
    client.force_login(matching_officer)

    response = _patch(client, _url("followup", active_placement, check_in_pk=check_in.pk), record)

    assert response.status_code == 200
    body = response.json()
    assert body["done_on"] == _days(0) and body["status"] == "needs_support" and body["overdue"] is False
    assert body["categories"] == ["language", "transport"] and body["recorded_by"] == matching_officer.pk
    assert [(action["owner"], action["due_on"]) for action in body["actions"]] == [
        ("municipality", _days(3)),
        ("host", _days(7)),
    ]
    extra = active_placement.check_ins.get(due_on=timezone.localdate() + datetime.timedelta(days=14))
    assert extra.step is None and extra.assigned_to == matching_officer and extra.done_on is None
    listed = client.get(_url("followups", active_placement)).json()["results"]
    assert extra.pk in [item["id"] for item in listed]


def test_the_officer_adds_an_extra_check_in(client, matching_officer, active_placement):
    client.force_login(matching_officer)

    response = _post(client, _url("followups", active_placement), {"due_on": _days(10)})

    assert response.status_code == 201
    assert response.json()["due_on"] == _days(10) and response.json()["assigned_to"] == matching_officer.pk
    assert active_placement.check_ins.filter(pk=response.json()["id"], step__isnull=True).exists()


@pytest.mark.parametrize(
    ("due_on", "message"),
    [(_days(-1), "after today"), ("2026-13-01", "Date has wrong format"), (20270101, "Date has wrong format")],
)
def test_an_extra_check_in_needs_a_day_after_today(english, matching_officer, active_placement, due_on, message):
    english.force_login(matching_officer)

    response = _post(english, _url("followups", active_placement), {"due_on": due_on})

    assert response.status_code == 400
    assert message in response.json()["errors"]["due_on"][0]
    assert active_placement.check_ins.count() == 5


def test_a_placement_that_has_not_started_has_no_check_ins_to_add(english, matching_officer, placement):
    english.force_login(matching_officer)

    response = _post(english, _url("followups", placement), {"due_on": _days(10)})

    assert response.status_code == 409
    assert response.json() == {"detail": "The schedule starts when the placement starts."}


def test_the_referrer_reads_but_does_not_write(client, employment_officer, active_placement, record):
    check_in = _first(active_placement)
    client.force_login(employment_officer)

    assert _patch(client, _url("followup", active_placement, check_in_pk=check_in.pk), record).status_code == 403
    assert _post(client, _url("followups", active_placement), {"due_on": _days(10)}).status_code == 403
    check_in.refresh_from_db()
    assert check_in.done_on is None and active_placement.check_ins.count() == 5 and not Action.objects.exists()


ELEVEN_ACTIONS = [{"text": f"Åtgärd {n}", "owner": "host", "due_on": _days(7)} for n in range(11)]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"done_on": 20261126}, "done_on", "Date has wrong format"),
        ({"done_on": "20226-11-26"}, "done_on", "Date has wrong format"),
        ({"done_on": _days(1)}, "done_on", "cannot be in the future"),
        ({"done_on": _days(-30)}, "done_on", "cannot be before"),
        ({"channel": 1}, "channel", "not a valid choice"),
        ({"status": "fine"}, "status", "not a valid choice"),
        ({"notes": 5}, "notes", "Not a valid string"),
        ({"notes": "Har ångest på morgnarna och ny medicin."}, "notes", "health details"),
        ({"categories": "language"}, "categories", "Expected a list"),
        ({"categories": ["weather"]}, "categories", "not a valid choice"),
        ({"actions": {"text": "Ansök om busskort"}}, "actions", "Expected a list"),
        ({"actions": ELEVEN_ACTIONS}, "actions", "no more than 10"),
        ({"actions": [{"text": 7, "owner": "host", "due_on": _days(7)}]}, "actions", "Not a valid string"),
        ({"actions": [{"text": "Sjukskrivning", "owner": "host", "due_on": _days(7)}]}, "actions", "health details"),
        (
            {"actions": [{"text": "Ring", "owner": "host", "due_on": _days(7), "done": True}]},
            "actions",
            "cannot be set",
        ),
        ({"next_check_in_on": _days(-1)}, "next_check_in_on", "after today"),
        ({"recorded_by": 1}, "recorded_by", "This field cannot be set."),
        ({"colour": "red"}, "colour", "This field cannot be set."),
    ],
)
def test_a_bad_check_in_is_refused_and_nothing_is_stored(
    english, matching_officer, active_placement, record, change, field, message
):
    check_in = _first(active_placement)
    english.force_login(matching_officer)

    response = _patch(english, _url("followup", active_placement, check_in_pk=check_in.pk), {**record, **change})

    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "The input is not valid." and set(body["errors"]) == {field}
    assert any(message in text for text in body["errors"][field]), body["errors"]
    check_in.refresh_from_db()
    assert check_in.done_on is None and check_in.notes == ""
    assert not Action.objects.exists() and active_placement.check_ins.count() == 5


def test_a_check_in_body_must_be_an_object(english, matching_officer, active_placement):
    english.force_login(matching_officer)

    response = _patch(english, _url("followup", active_placement, check_in_pk=_first(active_placement).pk), [1])

    assert response.status_code == 400 and "non_field_errors" in response.json()["errors"]


def test_a_check_in_no_longer_needed_cannot_be_recorded(english, matching_officer, active_placement, record):
    services.end(
        active_placement,
        user=matching_officer,
        ended_on=timezone.localdate(),
        reason="participant",
        outcome="studies",
        evidence="self_reported",
    )
    cancelled = active_placement.check_ins.filter(cancelled_at__isnull=False).first()
    english.force_login(matching_officer)

    response = _patch(english, _url("followup", active_placement, check_in_pk=cancelled.pk), record)

    assert response.status_code == 409
    assert response.json() == {"detail": "This check-in is no longer needed."}
    assert not Action.objects.exists()


# --- Starting, ending and the 90-day outcome --------------------------------------------------------------------


def test_the_officer_starts_a_placement_and_gets_its_schedule(client, matching_officer, placement):
    client.force_login(matching_officer)

    response = _post(client, _url("placement_start", placement))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "active" and body["started_at"] and body["responsible"] == matching_officer.pk
    assert placement.check_ins.count() == 5
    assert _post(client, _url("placement_start", placement)).status_code == 409


def test_a_start_on_another_day_moves_the_planned_end(client, matching_officer, placement):
    client.force_login(matching_officer)

    response = _post(client, _url("placement_start", placement), {"started_on": _days(-3)})

    assert response.status_code == 200
    assert response.json()["starts_on"] == _days(-3)
    assert response.json()["planned_end_on"] == (placement.planned_end_on + datetime.timedelta(days=4)).isoformat()


@pytest.mark.parametrize(
    ("change", "field"),
    [({"started_on": _days(1)}, "started_on"), ({"started_on": 3}, "started_on"), ({"at": _days(0)}, "at")],
)
def test_a_bad_start_is_refused_and_nothing_changes(client, matching_officer, placement, change, field):
    client.force_login(matching_officer)

    response = _post(client, _url("placement_start", placement), change)

    assert response.status_code == 400 and set(response.json()["errors"]) == {field}
    placement.refresh_from_db()
    assert placement.status == "planned" and not placement.check_ins.exists()


def test_an_early_end_gets_its_90_day_outcome_only_after_90_days(english, matching_officer, active_placement):
    english.force_login(matching_officer)
    ended = timezone.localdate()

    response = _post(
        english,
        _url("placement_end", active_placement),
        {
            "ended_on": ended.isoformat(),
            "end_reason": "participant",
            "outcome_at_end": "studies",
            "outcome_at_end_evidence": "self_reported",
        },
    )

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ended" and body["ended_on"] == ended.isoformat() and body["end_reason"] == "participant"
    assert body["outcome_at_end"] == "studies" and body["outcome_at_end_evidence"] == "self_reported"
    due = ended + datetime.timedelta(days=90)
    assert body["outcome_90_due_on"] == due.isoformat() and body["outcome_90"] == ""
    outcome = {"outcome_90": "job_at_host", "outcome_90_evidence": "employer_confirmed"}

    too_early = _post(english, _url("placement_outcome_90", active_placement), outcome)

    assert too_early.status_code == 409
    assert too_early.json() == {"detail": f"The outcome after 90 days can be recorded from {due.isoformat()}."}
    with time_machine.travel(datetime.datetime.combine(due, datetime.time(10)).astimezone(), tick=False):
        english.force_login(matching_officer)
        response = _post(english, _url("placement_outcome_90", active_placement), outcome)
    assert response.status_code == 200
    assert response.json()["outcome_90"] == "job_at_host"
    assert response.json()["outcome_90_evidence"] == "employer_confirmed"
    active_placement.refresh_from_db()
    assert active_placement.outcome_90_recorded_at is not None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end_reason": "completed"}, "end_reason"),  # months before the planned end
        ({"end_reason": "tired"}, "end_reason"),
        ({"ended_on": _days(1)}, "ended_on"),
        ({"ended_on": "yesterday"}, "ended_on"),
        ({"outcome_at_end_evidence": ""}, "outcome_at_end_evidence"),
        ({"outcome_at_end": ["studies"]}, "outcome_at_end"),
        ({"reason_text": "Personen blev sjuk"}, "reason_text"),
    ],
)
def test_a_bad_end_is_refused_and_the_placement_goes_on(client, matching_officer, active_placement, change, field):
    client.force_login(matching_officer)
    data = {
        "ended_on": _days(0),
        "end_reason": "participant",
        "outcome_at_end": "studies",
        "outcome_at_end_evidence": "self_reported",
    }

    response = _post(client, _url("placement_end", active_placement), {**data, **change})

    assert response.status_code == 400 and set(response.json()["errors"]) == {field}
    active_placement.refresh_from_db()
    assert active_placement.status == "active" and active_placement.ended_on is None
    assert not active_placement.check_ins.filter(cancelled_at__isnull=False).exists()


def test_an_unknown_outcome_needs_no_evidence(client, matching_officer, active_placement):
    client.force_login(matching_officer)
    data = {"ended_on": _days(0), "end_reason": "employer", "outcome_at_end": "unknown"}

    response = _post(client, _url("placement_end", active_placement), data)

    assert response.status_code == 200 and response.json()["outcome_at_end_evidence"] == ""


def test_a_placement_that_never_started_is_not_ended(english, matching_officer, placement):
    english.force_login(matching_officer)
    data = {"ended_on": _days(0), "end_reason": "participant", "outcome_at_end": "unknown"}

    response = _post(english, _url("placement_end", placement), data)

    assert response.status_code == 409
    assert "Record the start first" in response.json()["detail"]


def test_the_referrer_may_not_start_end_or_record_outcomes(client, employment_officer, placement):
    client.force_login(employment_officer)

    assert _post(client, _url("placement_start", placement)).status_code == 403
    assert _post(client, _url("placement_end", placement), {"ended_on": _days(0)}).status_code == 403
    assert _post(client, _url("placement_outcome_90", placement), {"outcome_90": "unknown"}).status_code == 403
    placement.refresh_from_db()
    assert placement.status == "planned"


@pytest.mark.parametrize("persona", OUTSIDERS, indirect=True)
def test_no_one_else_finds_the_placement_to_start_or_end(client, persona, placement):
    client.force_login(persona)

    for name in ("placement_start", "placement_end", "placement_outcome_90"):
        assert _post(client, _url(name, placement)).status_code == 404
    placement.refresh_from_db()
    assert placement.status == "planned"


def test_the_placement_shows_its_follow_up_to_staff_but_not_to_the_host(
    client, matching_officer, employment_officer, supplier, active_placement
):
    services.end(
        active_placement,
        user=matching_officer,
        ended_on=timezone.localdate(),
        reason="employer",
        outcome="other_job",
        evidence="register_verified",
    )
    for user in (matching_officer, employment_officer):
        client.force_login(user)
        body = client.get(reverse("api:placement", kwargs={"pk": active_placement.pk})).json()
        assert body["status"] == "ended" and body["end_reason"] == "employer"
        assert body["outcome_at_end"] == "other_job" and body["outcome_at_end_evidence"] == "register_verified"
        assert body["responsible"] == matching_officer.pk and body["started_at"]
        assert body["outcome_90_due_on"] == _days(90) and body["outcome_90"] == ""
    client.force_login(supplier)

    hosts = client.get(reverse("api:placement", kwargs={"pk": active_placement.pk})).json()

    assert hosts["status"] == "ended"
    hidden = {"responsible", "started_at", "ended_on", "end_reason", "outcome_at_end", "outcome_90", "participant"}
    assert not hidden & set(hosts)


# --- Situations -------------------------------------------------------------------------------------------------


def test_the_host_reports_the_officer_responds_and_resolves(
    client, supplier, matching_officer, active_placement, mailoutbox
):
    client.force_login(supplier)
    report = {
        "category": "attendance",
        "severity": "medium",
        "occurred_on": _days(0),
        "description": "Kom inte till passet i morse och svarade inte i telefon.",
    }

    reported = _post(client, _url("situations", active_placement), report)

    assert reported.status_code == 201
    situation_pk = reported.json()["id"]
    assert reported.json()["state"] == "open" and "events" not in reported.json()
    situation = Situation.objects.get(pk=situation_pk)
    assert situation.reporter == "host" and situation.reported_by == supplier
    assert [message.to for message in mailoutbox] == [[matching_officer.email]]
    events = _url("situation_events", active_placement, situation_pk=situation_pk)
    client.force_login(matching_officer)

    responded = _post(client, events, {"kind": "response", "text": "Jag ringer Amina i dag."})
    noted = _post(client, events, {"kind": "response", "text": "Bussen var inställd; vi ordnar busskort."})
    resolved = _post(client, events, {"kind": "resolve", "text": "Busskort ordnat, närvaron är god igen."})

    assert responded.status_code == 201 and responded.json()["state"] == "responded"
    assert responded.json()["first_response_at"] and responded.json()["overdue"] is False
    assert noted.status_code == 201 and resolved.status_code == 201
    body = resolved.json()
    assert body["state"] == "resolved" and body["resolution"] == "Busskort ordnat, närvaron är god igen."
    assert [event["kind"] for event in body["events"]] == ["reported", "responded", "note", "resolved"]
    assert body["events"][1] == {
        "id": body["events"][1]["id"],
        "kind": "responded",
        "text": "Jag ringer Amina i dag.",
        "by": matching_officer.pk,
        "at": body["events"][1]["at"],
    }
    client.force_login(supplier)

    hosts = client.get(_url("situation", active_placement, situation_pk=situation_pk)).json()

    assert hosts == {
        "id": situation_pk,
        "placement": active_placement.pk,
        "category": "attendance",
        "severity": "medium",
        "occurred_on": _days(0),
        "description": report["description"],
        "reported_at": hosts["reported_at"],
        "state": "resolved",
        "resolved_at": hosts["resolved_at"],
        "resolution": "Busskort ordnat, närvaron är god igen.",
    }
    listed = client.get(_url("situations", active_placement)).json()["results"]
    assert listed == [hosts]
    assert ParticipantView.objects.filter(viewer=supplier, where="host placement").count() == 3


def test_the_host_sees_only_the_situations_it_reported(
    client, supplier, active_placement, host_situation, officer_situation
):
    client.force_login(supplier)

    listed = client.get(_url("situations", active_placement)).json()

    assert [item["id"] for item in listed["results"]] == [host_situation.pk]
    assert client.get(_url("situation", active_placement, situation_pk=officer_situation.pk)).status_code == 404


def test_the_officer_and_the_referrer_see_every_situation_with_its_history(
    client, matching_officer, employment_officer, active_placement, host_situation, officer_situation
):
    for user in (matching_officer, employment_officer):
        client.force_login(user)

        listed = client.get(_url("situations", active_placement)).json()["results"]
        one = client.get(_url("situation", active_placement, situation_pk=host_situation.pk)).json()

        assert {item["id"] for item in listed} == {host_situation.pk, officer_situation.pk}
        assert {item["reporter"] for item in listed} == {"host", "municipality"}
        assert one["reporter"] == "host" and one["response_due_at"] and one["state"] == "open"
        assert [event["kind"] for event in one["events"]] == ["reported"]


def test_the_referrer_reports_a_situation_but_does_not_answer_it(
    client, employment_officer, active_placement, host_situation
):
    client.force_login(employment_officer)
    report = {"category": "tasks", "severity": "low", "occurred_on": _days(0), "description": "Vill prova truck."}

    reported = _post(client, _url("situations", active_placement), report)
    answer = _post(
        client,
        _url("situation_events", active_placement, situation_pk=host_situation.pk),
        {"kind": "response", "text": "Vi tar det."},
    )

    assert reported.status_code == 201 and reported.json()["reporter"] == "employment_service"
    assert answer.status_code == 403
    assert SituationEvent.objects.filter(situation=host_situation).count() == 1


def test_the_host_does_not_answer_situations(client, supplier, active_placement, host_situation):
    client.force_login(supplier)

    response = _post(
        client,
        _url("situation_events", active_placement, situation_pk=host_situation.pk),
        {"kind": "resolve", "text": "Löst."},
    )

    assert response.status_code == 403
    host_situation.refresh_from_db()
    assert host_situation.resolved_at is None


@pytest.mark.parametrize("persona", NOT_HOSTS, indirect=True)
def test_no_one_else_finds_the_situations(client, persona, active_placement, host_situation):
    client.force_login(persona)
    report = {"category": "tasks", "severity": "low", "occurred_on": _days(0), "description": "Något hände."}
    events = _url("situation_events", active_placement, situation_pk=host_situation.pk)

    assert client.get(_url("situations", active_placement)).status_code == 404
    assert client.get(_url("situation", active_placement, situation_pk=host_situation.pk)).status_code == 404
    assert _post(client, _url("situations", active_placement), report).status_code == 404
    assert _post(client, events, {"kind": "response", "text": "Ja."}).status_code == 404
    assert Situation.objects.count() == 1 and not ParticipantView.objects.filter(viewer=persona).exists()


def test_a_resolved_situation_takes_no_response_until_it_is_reopened(
    english, matching_officer, active_placement, host_situation
):
    services.resolve(host_situation, user=matching_officer, resolution="Samtal hållet, allt klart.")
    english.force_login(matching_officer)
    events = _url("situation_events", active_placement, situation_pk=host_situation.pk)

    refused = _post(english, events, {"kind": "response", "text": "En sak till."})
    reopened = _post(english, events, {"kind": "reopen", "text": "Det hände igen i dag."})
    twice = _post(english, events, {"kind": "reopen", "text": "Och igen."})

    assert refused.status_code == 409
    assert refused.json() == {"detail": "The situation is resolved; reopen it to add to it."}
    assert reopened.status_code == 201 and reopened.json()["state"] == "responded"
    assert reopened.json()["resolution"] == ""
    assert twice.status_code == 409
    assert [event["kind"] for event in reopened.json()["events"]] == ["reported", "resolved", "reopened"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"description": "Hon har fått en diagnos och är sjukskriven."}, "description", "health details"),
        ({"description": ""}, "description", "may not be blank"),
        ({"description": ["Kom sent", "Gick tidigt"]}, "description", "Not a valid string"),
        ({"occurred_on": _days(1)}, "occurred_on", "cannot be in the future"),
        ({"occurred_on": "2026-02-30"}, "occurred_on", "Date has wrong format"),
        ({"category": "health"}, "category", "not a valid choice"),
        ({"severity": 3}, "severity", "not a valid choice"),
        ({"reporter": "municipality"}, "reporter", "This field cannot be set."),
    ],
)
def test_a_bad_report_is_refused_and_nothing_is_stored(
    english, supplier, active_placement, mailoutbox, change, field, message
):
    english.force_login(supplier)
    report = {"category": "tasks", "severity": "low", "occurred_on": _days(0), "description": "Kom sent."}

    response = _post(english, _url("situations", active_placement), {**report, **change})

    assert response.status_code == 400 and set(response.json()["errors"]) == {field}
    assert any(message in text for text in response.json()["errors"][field]), response.json()["errors"]
    assert not Situation.objects.exists() and not mailoutbox


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "resolve", "text": "Hon var sjuk hela veckan."}, "text"),
        ({"kind": "response", "text": ""}, "text"),
        ({"kind": "delete", "text": "Bort."}, "kind"),
        ({"kind": "response", "text": "Ja.", "at": "2026-01-01T00:00:00Z"}, "at"),
    ],
)
def test_a_bad_answer_is_refused_and_the_history_is_unchanged(
    english, matching_officer, active_placement, host_situation, data, field
):
    english.force_login(matching_officer)

    response = _post(english, _url("situation_events", active_placement, situation_pk=host_situation.pk), data)

    assert response.status_code == 400 and set(response.json()["errors"]) == {field}
    host_situation.refresh_from_db()
    assert host_situation.first_response_at is None and host_situation.resolved_at is None
    assert SituationEvent.objects.filter(situation=host_situation).count() == 1


def test_a_placement_that_has_not_started_has_no_situations_yet(english, supplier, placement):
    english.force_login(supplier)
    report = {"category": "tasks", "severity": "low", "occurred_on": _days(0), "description": "Kom sent."}

    response = _post(english, _url("situations", placement), report)

    assert response.status_code == 409
    assert response.json() == {"detail": "Situations are reported once the placement has started."}


# The session, the user, the throttle's cache row (six), the memberships, the placement with what it joins, the
# view-log insert, counting, one page of situations, and the time limits the shared pagination reads. A host's
# first look for the placement among those it follows up finds nothing: one query more.
SITUATION_LIST_QUERIES = 14


@pytest.mark.parametrize("reader", ["matching_officer", "supplier"])
def test_the_situation_list_costs_the_same_queries_for_few_or_many(
    client, request, reader, active_placement, host_situation, supplier, django_assert_num_queries
):
    user = request.getfixturevalue(reader)
    client.force_login(user)
    client.get(_url("situations", active_placement))  # the throttle's first write
    with django_assert_num_queries(SITUATION_LIST_QUERIES + (reader == "supplier")):
        assert client.get(_url("situations", active_placement)).json()["count"] == 1
    for category in ("attendance", "tasks", "language", "transport"):
        services.report_situation(
            active_placement,
            user=supplier,
            category=category,
            severity="low",
            occurred_on=timezone.localdate(),
            description="Något att ta upp.",
        )
    with django_assert_num_queries(SITUATION_LIST_QUERIES + (reader == "supplier")):
        assert client.get(_url("situations", active_placement)).json()["count"] == 5
