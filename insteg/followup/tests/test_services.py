"""The follow-up as a matching officer with fifty placements meets it: the schedule, due and overdue
check-ins, situations answered within Swedish working days, ending early with the 75 % rule, the 90-day
outcome and reminders that never arrive twice."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils import timezone

from insteg.contracts import services as contract_services
from insteg.followup import services
from insteg.followup.models import CheckIn, CheckInStep, Situation, SituationEvent
from insteg.lib.append_only import AppendOnlyError
from insteg.lib.errors import DomainError
from insteg.matching.models import Placement
from insteg.matching.tests.factories import PlacementFactory
from insteg.privacy.models import AuditEvent
from insteg.training.models import STOCKHOLM


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=STOCKHOLM)


def _placement(participant, position, officer, starts: datetime.date, months: int = 4):
    return PlacementFactory(
        participant=participant,
        position=position,
        starts_on=starts,
        planned_end_on=starts + relativedelta(months=months) - datetime.timedelta(days=1),
        responsible=officer,
    )


# --- The schedule ---------------------------------------------------------------------------------------------------


def test_starting_a_placement_makes_the_default_schedule_for_the_responsible_officer(
    participant, position, matching_officer
):
    placement = _placement(participant, position, matching_officer, datetime.date(2026, 9, 1))
    with time_machine.travel(_at(datetime.date(2026, 9, 1)), tick=False):
        services.start(placement, user=matching_officer)

    schedule = [(c.step.code, c.due_on, c.assigned_to) for c in placement.check_ins.order_by("due_on")]
    assert schedule == [
        ("first-week", datetime.date(2026, 9, 8), matching_officer),
        ("one-month", datetime.date(2026, 10, 1), matching_officer),
        ("three-months", datetime.date(2026, 12, 1), matching_officer),
        ("at-end", datetime.date(2026, 12, 31), matching_officer),
        ("after-90-days", datetime.date(2027, 3, 31), matching_officer),
    ]
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ACTIVE
    assert AuditEvent.objects.filter(action="followup.placement_started").exists()


def test_a_short_placement_gets_no_check_in_after_its_end(participant, position, matching_officer):
    placement = _placement(participant, position, matching_officer, datetime.date(2026, 9, 1), months=2)
    with time_machine.travel(_at(datetime.date(2026, 9, 1)), tick=False):
        services.start(placement, user=matching_officer)
    codes = list(placement.check_ins.values_list("step__code", flat=True))
    assert "three-months" not in codes
    assert {"first-week", "one-month", "at-end", "after-90-days"} == set(codes)


def test_a_position_type_with_its_own_schedule_uses_only_it(participant, position, matching_officer):
    CheckInStep.objects.create(
        position_type=position.position_type, code="day-two", name_sv="Dag två", name_en="Day two",
        anchor="start", days=2,
    )  # fmt: skip
    placement = _placement(participant, position, matching_officer, datetime.date(2026, 9, 1))
    with time_machine.travel(_at(datetime.date(2026, 9, 1)), tick=False):
        services.start(placement, user=matching_officer)
    assert list(placement.check_ins.values_list("step__code", "due_on")) == [("day-two", datetime.date(2026, 9, 3))]


def test_placements_whose_day_has_come_start_by_themselves_once(participant, position, matching_officer):
    placement = _placement(participant, position, matching_officer, datetime.date(2026, 9, 1))
    with time_machine.travel(_at(datetime.date(2026, 8, 31)), tick=False):
        assert services.start_due_placements() == 0
    with time_machine.travel(_at(datetime.date(2026, 9, 1)), tick=False):
        assert services.start_due_placements() == 1
        assert services.start_due_placements() == 0
    assert placement.check_ins.count() == 5


def test_only_the_municipalitys_matching_officers_start_and_end(placement, supplier, employment_officer):
    for user in (supplier, employment_officer):
        with pytest.raises(DomainError):
            services.start(placement, user=user)
    assert not placement.check_ins.exists()


# --- Due and overdue ------------------------------------------------------------------------------------------------


def test_the_due_list_holds_the_coming_week_and_everything_overdue(active_placement, matching_officer, municipality):
    first_week = active_placement.check_ins.get(step__code="first-week")
    today = first_week.due_on + datetime.timedelta(days=1)
    due = services.due_check_ins(officer=matching_officer, municipalities={municipality.pk}, today=today)
    assert list(due) == [first_week]
    assert first_week.is_overdue(today)
    team = services.due_check_ins(municipalities={municipality.pk}, today=today + datetime.timedelta(days=20))
    assert active_placement.check_ins.get(step__code="one-month") in team


def test_recording_a_check_in_stores_its_actions_and_the_next_one(active_placement, matching_officer):
    check_in = active_placement.check_ins.get(step__code="first-week")
    today = timezone.localdate()
    services.record_check_in(
        check_in,
        user=matching_officer,
        done_on=today,
        channel="visit",
        with_whom="both",
        status="needs_support",
        categories=["transport", "language"],
        notes="Bussen går för tidigt; vi ordnar en senare starttid.",
        actions=[{"text": "Prata med handledaren om starttiden", "owner": "municipality", "due_on": today}],
        next_check_in_on=today + datetime.timedelta(days=14),
    )
    check_in.refresh_from_db()
    assert (check_in.done_on, check_in.status, check_in.categories) == (
        today,
        "needs_support",
        ["transport", "language"],
    )
    assert check_in.actions.get().owner == "municipality"
    extra = active_placement.check_ins.get(step__isnull=True)
    assert extra.due_on == today + datetime.timedelta(days=14) and extra.assigned_to == matching_officer


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"notes": "Hon har en diagnos som påverkar arbetet."}, "notes"),
        ({"done_on": "future"}, "done_on"),
        ({"channel": "pigeon"}, "channel"),
        ({"categories": ["weather"]}, "categories"),
        ({"actions": [{"text": "x", "owner": "host", "due_on": None}]}, "actions"),
        ({"actions": [{"text": "x", "owner": "host", "due_on": datetime.date(2027, 1, 1)}] * 11}, "actions"),
        ({"next_check_in_on": "today"}, "next_check_in_on"),
    ],
)
def test_a_bad_check_in_is_refused_and_nothing_is_stored(active_placement, matching_officer, changes, field):
    check_in = active_placement.check_ins.get(step__code="first-week")
    today = timezone.localdate()
    data = {"done_on": today, "channel": "phone", "with_whom": "participant", "status": "on_track", **changes}
    if data["done_on"] == "future":
        data["done_on"] = today + datetime.timedelta(days=1)
    if data.get("next_check_in_on") == "today":
        data["next_check_in_on"] = today
    with pytest.raises(ValidationError) as refused:
        services.record_check_in(check_in, user=matching_officer, **data)
    assert field in refused.value.message_dict
    check_in.refresh_from_db()
    assert check_in.done_on is None
    assert not active_placement.check_ins.filter(step__isnull=True).exists()


# --- Situations: the first-response time limit in Swedish working days ----------------------------------------------


@pytest.mark.parametrize(
    ("reported", "category", "due"),
    [
        (datetime.date(2026, 11, 24), "attendance", datetime.date(2026, 11, 26)),  # Tue → Thu
        (datetime.date(2026, 11, 20), "attendance", datetime.date(2026, 11, 24)),  # Fri → over the weekend → Tue
        (datetime.date(2026, 11, 21), "tasks", datetime.date(2026, 11, 24)),  # reported on a Saturday
        (datetime.date(2026, 12, 23), "transport", datetime.date(2026, 12, 29)),  # Julafton, juldagen, weekend
        (datetime.date(2026, 6, 18), "language", datetime.date(2026, 6, 23)),  # Midsommarafton is not a working day
        (datetime.date(2026, 4, 30), "conflict", datetime.date(2026, 5, 4)),  # one day; 1 May is a holiday
        (datetime.date(2026, 4, 2), "work_environment", datetime.date(2026, 4, 7)),  # Easter: Good Friday to Monday
    ],
)
def test_the_response_is_due_at_the_end_of_the_nth_working_day(reported, category, due):
    deadline = services.response_due(category, _at(reported, 15))
    local = timezone.localtime(deadline, STOCKHOLM)
    assert local.date() == due
    assert (local.hour, local.minute) == (23, 59)


def test_a_host_reports_the_officer_responds_and_the_clock_stops(
    active_placement, supplier, matching_officer, mailoutbox
):
    situation = services.report_situation(
        active_placement, user=supplier, category="attendance", severity="medium",
        occurred_on=timezone.localdate(), description="Kom inte i dag och har inte hört av sig.",
    )  # fmt: skip
    assert situation.reporter == Situation.Reporter.HOST
    assert [m.to for m in mailoutbox] == [[matching_officer.email]]
    assert "Kom inte i dag" not in mailoutbox[0].body  # the description stays in Insteg

    with time_machine.travel(situation.response_due_at + datetime.timedelta(minutes=1), tick=False):
        assert situation.is_overdue()
        assert list(Situation.objects.overdue()) == [situation]
        services.respond(situation, user=matching_officer, text="Ringt deltagaren; hon kommer i morgon.")
        services.respond(situation, user=matching_officer, text="Pratat med handledaren också.")
        situation.refresh_from_db()
        assert situation.first_response_at and not situation.is_overdue()
        services.resolve(situation, user=matching_officer, resolution="Närvaron är normal igen.")
    kinds = list(situation.events.values_list("kind", flat=True))
    assert kinds == ["reported", "responded", "note", "resolved"]


def test_the_history_of_a_situation_cannot_be_changed(active_placement, matching_officer):
    situation = services.report_situation(
        active_placement, user=matching_officer, category="tasks", severity="low",
        occurred_on=timezone.localdate(), description="Arbetsuppgifterna behöver förtydligas.",
    )  # fmt: skip
    event = situation.events.get()
    event.text = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        SituationEvent.objects.filter(situation=situation).delete()


def test_a_situation_with_health_details_or_from_an_outsider_is_refused(
    active_placement, matching_officer, other_supplier
):
    with pytest.raises(ValidationError) as refused:
        services.report_situation(
            active_placement, user=matching_officer, category="other", severity="high",
            occurred_on=timezone.localdate(), description="Sjukskriven för depression.",
        )  # fmt: skip
    assert "description" in refused.value.message_dict
    with pytest.raises(DomainError):
        services.report_situation(
            active_placement, user=other_supplier, category="other", severity="low",
            occurred_on=timezone.localdate(), description="Något hände.",
        )  # fmt: skip
    assert not Situation.objects.exists()


# --- Ending, the 75 % rule and the 90-day outcome -------------------------------------------------------------------


def _started(participant, position, officer, starts=datetime.date(2026, 3, 2), months=4):
    placement = _placement(participant, position, officer, starts, months)
    with time_machine.travel(_at(starts), tick=False):
        return services.start(placement, user=officer)


@pytest.mark.parametrize(
    ("reason", "months_done", "expected_months", "met"),
    [
        ("completed", 4, Decimal("3.0"), False),  # 4 months at 30 of 40 hours
        ("participant", 3, Decimal("3.0"), True),  # 75 % done, not the employer's doing: counts in full
        ("health", 3, Decimal("3.0"), True),
        ("employer", 3, Decimal("2.3"), False),  # the employer ended it: only what was done
        ("participant", 2, Decimal("1.5"), False),  # 50 % done: only what was done
    ],
)
def test_months_delivered_follow_the_early_end_rule(
    participant, position, matching_officer, reason, months_done, expected_months, met
):
    placement = _started(participant, position, matching_officer)
    ended_on = placement.starts_on + relativedelta(months=months_done) - datetime.timedelta(days=1)
    with time_machine.travel(_at(ended_on + datetime.timedelta(days=1)), tick=False):
        services.end(
            placement, user=matching_officer, ended_on=ended_on, reason=reason, outcome="other_job",
            evidence="employer_confirmed",
        )  # fmt: skip
        placement.refresh_from_db()
        assert services.placement_months(placement, 75) == (expected_months, met)
        state = contract_services.compliance(position.contract)
    assert state.months_source == "placements"
    assert state.months_delivered == expected_months
    assert (state.early_ends, state.early_ends_met) == (int(reason != "completed"), int(met))


def test_ending_early_moves_the_end_check_ins_and_drops_later_ones(participant, position, matching_officer):
    placement = _started(participant, position, matching_officer)
    ended_on = datetime.date(2026, 4, 15)
    with time_machine.travel(_at(datetime.date(2026, 4, 16)), tick=False):
        services.end(
            placement, user=matching_officer, ended_on=ended_on, reason="participant", outcome="studies",
            evidence="self_reported",
        )  # fmt: skip
    due = dict(placement.check_ins.filter(cancelled_at__isnull=True).values_list("step__code", "due_on"))
    assert due["at-end"] == ended_on
    assert due["after-90-days"] == ended_on + datetime.timedelta(days=90)
    assert placement.check_ins.get(step__code="three-months").cancelled_at is not None


def test_completed_cannot_be_claimed_a_month_early(participant, position, matching_officer):
    placement = _started(participant, position, matching_officer)
    with time_machine.travel(_at(datetime.date(2026, 6, 2)), tick=False), pytest.raises(ValidationError) as refused:
        services.end(
            placement, user=matching_officer, ended_on=datetime.date(2026, 6, 1), reason="completed",
            outcome="other_job", evidence="self_reported",
        )  # fmt: skip
    assert "end_reason" in refused.value.message_dict
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ACTIVE


def test_the_outcome_after_90_days_is_recorded_from_the_ninetieth_day(participant, position, matching_officer):
    placement = _started(participant, position, matching_officer)
    ended_on = datetime.date(2026, 7, 1)
    with time_machine.travel(_at(ended_on), tick=False):
        services.end(
            placement, user=matching_officer, ended_on=ended_on, reason="completed", outcome="employment_service",
            evidence="self_reported",
        )  # fmt: skip
    with time_machine.travel(_at(datetime.date(2026, 9, 28)), tick=False), pytest.raises(DomainError):
        services.record_outcome_90(
            placement, user=matching_officer, outcome="job_at_host", evidence="register_verified"
        )
    with time_machine.travel(_at(datetime.date(2026, 9, 29)), tick=False):
        services.record_outcome_90(
            placement, user=matching_officer, outcome="job_at_host", evidence="register_verified"
        )
    placement.refresh_from_db()
    assert (placement.outcome_90, placement.outcome_90_evidence) == ("job_at_host", "register_verified")


def test_without_started_placements_compliance_comes_from_the_reports(position):
    state = contract_services.compliance(position.contract)
    assert state.months_source == "reports"


# --- Reminders ------------------------------------------------------------------------------------------------------


def test_reminders_go_once_a_day_to_each_officer(participant, position, matching_officer, mailoutbox):
    placement = _started(participant, position, matching_officer)
    first_week = placement.check_ins.get(step__code="first-week").due_on
    with time_machine.travel(_at(first_week - datetime.timedelta(days=1), 7), tick=False):
        assert services.send_reminders() == 0
    with time_machine.travel(_at(first_week, 7), tick=False):
        assert services.send_reminders() == 1
        assert services.send_reminders() == 0  # run_scheduled may run every hour
    with time_machine.travel(_at(first_week + datetime.timedelta(days=1), 7), tick=False):
        assert services.send_reminders() == 1  # still overdue the next day: reminded again, once
    assert len(mailoutbox) == 2
    assert mailoutbox[0].to == [matching_officer.email]
    assert participant.last_name not in mailoutbox[0].body  # names stay in Insteg


def test_an_overdue_situation_is_reminded_once(active_placement, supplier, matching_officer, mailoutbox):
    CheckIn.objects.all().delete()
    situation = services.report_situation(
        active_placement, user=supplier, category="conflict", severity="high",
        occurred_on=timezone.localdate(), description="Osämja i arbetslaget.",
    )  # fmt: skip
    mailoutbox.clear()
    with time_machine.travel(situation.response_due_at + datetime.timedelta(hours=8), tick=False):
        assert services.send_reminders() == 1
    with time_machine.travel(situation.response_due_at + datetime.timedelta(days=2), tick=False):
        assert services.send_reminders() == 0
    assert len(mailoutbox) == 1


def test_erasing_the_participant_removes_the_follow_ups_free_text_and_keeps_the_facts(
    active_placement, matching_officer, supplier
):
    from insteg.matching import services as matching_services

    check_in = active_placement.check_ins.order_by("due_on").first()
    today = timezone.localdate()
    services.record_check_in(
        check_in, user=matching_officer, done_on=today, channel="visit", with_whom="both", status="on_track",
        notes="Amina trivs med kollegorna.", actions=[{"text": "Amina får busskort", "owner": "host", "due_on": today}],
    )  # fmt: skip
    situation = services.report_situation(
        active_placement, user=supplier, category="attendance", severity="low", occurred_on=today,
        description="Amina kom sent.",
    )  # fmt: skip
    services.resolve(situation, user=matching_officer, resolution="Amina tar en tidigare buss.")

    matching_services.erase(matching_officer, active_placement.participant)

    check_in.refresh_from_db()
    situation.refresh_from_db()
    assert (check_in.notes, check_in.actions.get().text) == ("", "")
    assert (situation.description, situation.resolution) == ("", "")
    assert not SituationEvent.objects.filter(situation=situation).exclude(text="").exists()
    assert (check_in.status, situation.category, situation.events.count()) == ("on_track", "attendance", 2)
