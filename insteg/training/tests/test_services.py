"""The training workflows as a registrant and an organiser meet them: seats, waiting list, withdrawal,
deadlines, reminders, retention and what attendance means for the positions a supervisor supervises."""

import datetime

import icalendar
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from insteg.contracts.services import save_position
from insteg.contracts.tests.factories import PositionFactory
from insteg.lib.errors import DomainError
from insteg.matching.services import supervisor_is_ready
from insteg.privacy.models import AuditEvent
from insteg.retention import services as retention
from insteg.retention.models import RecordType, RetentionRule
from insteg.training import services
from insteg.training.models import STOCKHOLM, Registration, Session
from insteg.training.tests.factories import RegistrationFactory, SessionFactory, in_days, local


def _register(session, email="anna@storsjobygg.example", **overrides):
    fields = {"name": "Anna Handledare", "email": email, "organisation_name": "Storsjöbygg AB", "consent": True}
    return services.register(session, **{**fields, **overrides})


def _fill(session, count):
    return [_register(session, email=f"person{n}@foretag.example") for n in range(count)]


# --- The registration deadline: a date, or N days before ---------------------------------------------------


@pytest.mark.parametrize(
    ("starts", "days_before", "closes_on", "expected_last_day"),
    [
        # The seed: Tuesday 25 September, register by Monday 17 September (8 days before).
        (datetime.date(2018, 9, 25), 8, None, datetime.date(2018, 9, 17)),
        # Wednesday 17 October, register by Monday 8 October (9 days before).
        (datetime.date(2018, 10, 17), 9, None, datetime.date(2018, 10, 8)),
        # A fixed last day.
        (datetime.date(2026, 3, 10), None, datetime.date(2026, 3, 1), datetime.date(2026, 3, 1)),
        # Across the change to summer time (29 March 2026): still 23.59 Swedish time.
        (datetime.date(2026, 4, 2), 7, None, datetime.date(2026, 3, 26)),
    ],
)
def test_registration_closes_at_the_end_of_the_last_day_in_swedish_time(
    course, starts, days_before, closes_on, expected_last_day
):
    session = SessionFactory(
        course=course,
        starts_at=local(starts, 9),
        ends_at=local(starts, 16),
        deadline_days_before=days_before,
        registration_closes_on=closes_on,
    )
    deadline = session.registration_deadline.astimezone(STOCKHOLM)
    assert deadline.date() == expected_last_day
    assert (deadline.hour, deadline.minute) == (23, 59)


def test_without_a_deadline_registration_is_open_until_the_start(course):
    session = SessionFactory(course=course, deadline_days_before=None)
    assert session.registration_deadline == session.starts_at


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"registration_closes_on": datetime.date(2030, 1, 1), "deadline_days_before": 3}, "deadline_days_before"),
        ({"registration_closes_on": "after"}, "registration_closes_on"),
        ({"ends_at": "before"}, "ends_at"),
        ({"location": "", "online_url": ""}, "location"),
    ],
)
def test_a_session_that_makes_no_sense_is_refused_and_not_stored(course, matching_officer, changes, field):
    starts = in_days(20, 9)
    data = {
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=6),
        "location": "Rådhuset",
        "capacity": 12,
        "deadline_days_before": None,
        **changes,
    }
    if data.get("registration_closes_on") == "after":
        data["registration_closes_on"] = starts.date() + datetime.timedelta(days=1)
    if data.get("ends_at") == "before":
        data["ends_at"] = starts - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as refused:
        services.create_session(user=matching_officer, course=course, data=data)
    assert field in refused.value.message_dict
    assert not Session.objects.exists()


def test_only_the_organisers_staff_create_sessions(course, supplier, procurement_officer):
    data = {"starts_at": in_days(20), "ends_at": in_days(20, 15), "location": "Rådhuset", "capacity": 5}
    for user in (supplier, procurement_officer):
        with pytest.raises(DomainError):
            services.create_session(user=user, course=course, data=data)
    assert not Session.objects.exists()


# --- Seats and the waiting list ---------------------------------------------------------------------------------


def test_seats_are_confirmed_until_full_then_the_waiting_list_takes_people_in_order(small_session, mailoutbox):
    first, second, third, fourth = _fill(small_session, 4)

    assert [r.status for r in (first, second, third, fourth)] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert services.waitlist_position(third) == 1
    assert services.waitlist_position(fourth) == 2
    assert [m.to[0] for m in mailoutbox] == [r.email for r in (first, second, third, fourth)]
    # A confirmed seat comes with the calendar file; a waiting-list place does not (it is not a seat yet).
    assert [len(m.attachments) for m in mailoutbox] == [1, 1, 0, 0]
    assert "number 1" in mailoutbox[2].body or "nummer 1" in mailoutbox[2].body
    assert all(len(m.to) == 1 for m in mailoutbox)  # nobody sees another person's address


def test_a_full_session_without_a_waiting_list_refuses_and_stores_nothing(course, mailoutbox):
    session = SessionFactory(course=course, capacity=1, waitlist_enabled=False)
    _register(session, email="first@foretag.example")
    with pytest.raises(ValidationError) as refused:
        _register(session, email="second@foretag.example")
    assert "session" in refused.value.message_dict
    assert session.registrations.count() == 1
    assert len(mailoutbox) == 1


def test_the_same_email_twice_is_refused_politely_whatever_its_case(session):
    _register(session, email="anna@storsjobygg.example")
    with pytest.raises(ValidationError) as refused:
        _register(session, email="  ANNA@Storsjobygg.example ")
    assert "already registered" in refused.value.message_dict["email"][0]
    assert session.registrations.count() == 1


def test_someone_who_cancelled_can_register_again(session):
    services.withdraw(_register(session))
    assert _register(session).status == Registration.Status.CONFIRMED


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"consent": False}, "consent"),
        ({"consent": "yes"}, "consent"),  # only a real tick counts
        ({"email": "not-an-address"}, "email"),
        ({"email": ""}, "email"),
        ({"name": "   "}, "name"),
        ({"name": "A" * 201}, "name"),
        ({"name": "Anna\x00Handledare"}, "name"),
        ({"organisation_name": ""}, "organisation_name"),
        ({"phone": "call me maybe"}, "phone"),
        ({"role": "r" * 201}, "role"),
    ],
)
def test_bad_registrations_are_refused_with_the_field_named_and_nothing_is_stored(
    session, mailoutbox, overrides, field
):
    with pytest.raises(ValidationError) as refused:
        _register(session, **overrides)
    assert field in refused.value.message_dict
    assert not Registration.objects.exists()
    assert mailoutbox == []


def test_every_problem_is_reported_at_once(session):
    with pytest.raises(ValidationError) as refused:
        services.register(session, name="", email="x", organisation_name="", consent=False)
    assert set(refused.value.message_dict) == {"name", "email", "organisation_name", "consent"}


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("deadline_passed", "Registration closed on"),
        ("cancelled", "cancelled"),
        ("past", "already taken place"),
        ("closed", "closed"),
    ],
)
def test_a_session_that_takes_no_registrations_says_why(course, state, expected):
    session = SessionFactory(course=course, starts_at=in_days(5, 9), ends_at=in_days(5, 16), deadline_days_before=8)
    if state == "cancelled":
        Session.objects.filter(pk=session.pk).update(status=Session.Status.CANCELLED)
    if state == "closed":
        Session.objects.filter(pk=session.pk).update(status=Session.Status.CLOSED)
    if state == "past":
        Session.objects.filter(pk=session.pk).update(
            starts_at=in_days(-3, 9), ends_at=in_days(-3, 16), registration_deadline=in_days(-4, 9)
        )
    session.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        _register(session)
    assert expected in refused.value.message_dict["session"][0]
    assert not Registration.objects.exists()


def test_consent_is_recorded_with_the_version_and_time(session):
    registration = _register(session)
    assert registration.consent_text.version == 1
    assert abs(registration.consent_at - timezone.now()) < datetime.timedelta(minutes=1)
    assert registration.consent_text.text_sv.startswith("Jag samtycker")


def test_a_signed_in_supplier_contacts_registration_is_linked_to_the_company(session, supplier):
    registration = _register(session, user=supplier)
    assert registration.organisation == supplier.organisation
    assert registration.registered_by == supplier


# --- Withdrawal, removal and promotion --------------------------------------------------------------------------


def test_withdrawing_frees_the_seat_for_the_first_waiting_person_and_removes_the_details(small_session, mailoutbox):
    confirmed, _other, first_waiting, second_waiting = _fill(small_session, 4)
    mailoutbox.clear()

    services.withdraw(confirmed)

    confirmed.refresh_from_db()
    assert confirmed.status == Registration.Status.CANCELLED
    assert confirmed.withdrawn_at is not None
    assert (confirmed.name, confirmed.email, confirmed.phone) == ("", "", "")
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == Registration.Status.CONFIRMED and first_waiting.promoted_at
    assert second_waiting.status == Registration.Status.WAITLISTED
    assert services.waitlist_position(second_waiting) == 1
    assert [m.to for m in mailoutbox] == [[first_waiting.email]]
    assert mailoutbox[0].attachments[0][2] == "text/calendar"


def test_removing_a_waiting_entry_promotes_nobody(small_session, matching_officer, mailoutbox):
    _a, _b, waiting, later = _fill(small_session, 4)
    mailoutbox.clear()
    services.remove(waiting, user=matching_officer)
    later.refresh_from_db()
    assert later.status == Registration.Status.WAITLISTED
    assert mailoutbox == []
    assert small_session.registrations.filter(status="confirmed").count() == 2


def test_removing_a_confirmed_seat_promotes_the_first_waiting(small_session, matching_officer, mailoutbox):
    confirmed, _b, waiting, _later = _fill(small_session, 4)
    mailoutbox.clear()
    services.remove(confirmed, user=matching_officer)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert [m.to for m in mailoutbox] == [[waiting.email]]
    confirmed.refresh_from_db()
    assert confirmed.name  # staff removal keeps the record until retention; only withdrawal erases at once


def test_a_cancelled_registration_cannot_be_cancelled_again(session):
    registration = _register(session)
    services.withdraw(registration)
    with pytest.raises(DomainError):
        services.withdraw(registration)


def test_more_seats_move_waiting_people_up_and_fewer_than_confirmed_are_refused(
    small_session, matching_officer, mailoutbox
):
    _fill(small_session, 4)
    with pytest.raises(ValidationError) as refused:
        services.update_session(small_session, user=matching_officer, data={"capacity": 1})
    assert "capacity" in refused.value.message_dict
    mailoutbox.clear()
    services.update_session(small_session, user=matching_officer, data={"capacity": 3})
    assert small_session.registrations.filter(status="confirmed").count() == 3
    assert len(mailoutbox) == 1


def test_cancelling_a_session_tells_everyone_registered(small_session, matching_officer, mailoutbox):
    _fill(small_session, 3)
    services.withdraw(small_session.registrations.first())  # a cancelled person is not told again
    mailoutbox.clear()
    told = services.cancel_session(small_session, user=matching_officer, message="Lokalen är inte tillgänglig.")
    assert told == 2
    assert len(mailoutbox) == 2
    assert all("Lokalen är inte tillgänglig." in m.body for m in mailoutbox)
    small_session.refresh_from_db()
    assert small_session.display_status() == Session.Status.CANCELLED
    with pytest.raises(DomainError):
        services.cancel_session(small_session, user=matching_officer)


def test_the_signed_link_finds_the_registration_and_refuses_a_tampered_one(session):
    registration = _register(session)
    token = services.token_for(registration)
    assert services.registration_for_token(token) == registration
    assert services.registration_for_token(token[:-2] + "xx") is None
    assert services.registration_for_token("1") is None


# --- Attendance: trained supervisors ------------------------------------------------------------------------------


def test_attendance_marks_the_supervisor_trained_on_the_positions_they_supervise(past_session, matching_officer):
    eva = RegistrationFactory(session=past_session, email="eva@frosostad.example")
    absent = RegistrationFactory(session=past_session, email="olle@frosostad.example")
    supervised = PositionFactory(supervisor_email="Eva@Frosostad.example")
    other = PositionFactory(supervisor_email="olle@frosostad.example")

    marked = services.mark_attendance(past_session, user=matching_officer, attended={eva.pk: True, absent.pk: False})

    assert marked == 1
    supervised.refresh_from_db()
    other.refresh_from_db()
    assert supervised.supervisor_trained and not other.supervisor_trained
    assert AuditEvent.objects.filter(action="training.attendance_marked").exists()


def test_attendance_cannot_be_marked_before_the_session(session, registration, matching_officer):
    with pytest.raises(DomainError):
        services.mark_attendance(session, user=matching_officer, attended={registration.pk: True})


def test_a_new_position_with_a_trained_supervisor_is_marked_trained(past_session, supplier, municipality):
    RegistrationFactory(session=past_session, email="eva@storsjobygg.example", attended=True)
    position = PositionFactory(contract__supplier=supplier.organisation, supervisor_email="someone@else.example")
    save_position(
        position.contract, user=supplier, data={"supervisor_email": "eva@storsjobygg.example"}, position=position
    )
    position.refresh_from_db()
    assert position.supervisor_trained


def test_a_supervisor_with_a_confirmed_seat_is_ready_for_a_placement(session):
    position = PositionFactory(supervisor_email="anna@storsjobygg.example")
    assert not supervisor_is_ready(position)
    _register(session, email="anna@storsjobygg.example")
    assert supervisor_is_ready(position)


# --- Reminders and retention ----------------------------------------------------------------------------------------


def test_reminders_go_two_days_before_once(course, mailoutbox):
    session = SessionFactory(course=course, starts_at=in_days(10, 9), ends_at=in_days(10, 16), deadline_days_before=1)
    _fill(session, 2)
    services.withdraw(session.registrations.first())
    mailoutbox.clear()
    three_days_before = session.starts_at - datetime.timedelta(days=3)
    with time_machine.travel(three_days_before, tick=False):
        assert services.send_reminders() == 0
    with time_machine.travel(session.starts_at - datetime.timedelta(days=2), tick=False):
        assert services.send_reminders() == 1
        assert services.send_reminders() == 0  # idempotent: run_scheduled may run twice
    assert len(mailoutbox) == 1
    assert icalendar.Calendar.from_ical(mailoutbox[0].attachments[0][1])


def test_a_cancelled_session_is_not_reminded(small_session, matching_officer, mailoutbox):
    _fill(small_session, 1)
    services.cancel_session(small_session, user=matching_officer)
    mailoutbox.clear()
    with time_machine.travel(small_session.starts_at - datetime.timedelta(days=1), tick=False):
        assert services.send_reminders() == 0
    assert mailoutbox == []


def _in_force(months: int = 12) -> None:
    """The municipality's disposal decision recorded on the training rule: without it nothing is anonymised."""
    retention.ensure_default_rules()
    RetentionRule.objects.filter(record_type=RecordType.TRAINING_REGISTRATION).update(
        months=months, decision_ref="KS 2025/17 Dokumenthanteringsplan § 4.2", enabled=True
    )


def _dispose_due(administrator) -> int:
    """The daily proposal, an administrator's approval, and `apply_retention --apply`."""
    for batch in retention.propose_disposals():
        retention.approve(batch, administrator)
    return sum(outcome.disposed for outcome in retention.apply_approved(by=administrator))


def test_registrations_are_anonymised_after_the_retention_period_keeping_the_counts(past_session, administrator):
    _in_force(months=12)
    RegistrationFactory(session=past_session, attended=True, organisation_name="Storsjöbygg AB")
    RegistrationFactory(session=past_session, attended=False, organisation_name="Frösö Städ AB")
    upcoming = RegistrationFactory(session=SessionFactory(course=past_session.course))

    eleven_months_on = past_session.ends_at + datetime.timedelta(days=330)
    with time_machine.travel(eleven_months_on, tick=False):
        assert _dispose_due(administrator) == 0
    a_year_on = past_session.ends_at + datetime.timedelta(days=370)
    with time_machine.travel(a_year_on, tick=False):
        assert _dispose_due(administrator) == 2
        assert _dispose_due(administrator) == 0

    kept = past_session.registrations.all()
    assert {(r.name, r.email) for r in kept} == {("", "")}
    assert kept.filter(attended=True).count() == 1
    assert sorted(kept.values_list("organisation_name", flat=True)) == ["Frösö Städ AB", "Storsjöbygg AB"]
    upcoming.refresh_from_db()
    assert upcoming.name


def test_without_a_disposal_decision_registrations_are_kept(past_session, administrator):
    retention.ensure_default_rules()
    registration = RegistrationFactory(session=past_session, name="Kvar Handledare")
    with time_machine.travel(past_session.ends_at + datetime.timedelta(days=800), tick=False):
        assert _dispose_due(administrator) == 0
    registration.refresh_from_db()
    assert registration.name == "Kvar Handledare" and not registration.is_anonymised


def test_the_retention_period_is_the_rules(past_session, administrator):
    _in_force(months=1)
    RegistrationFactory(session=past_session)
    with time_machine.travel(past_session.ends_at + datetime.timedelta(days=40), tick=False):
        assert _dispose_due(administrator) == 1


# --- iCalendar: the right local time in winter and in summer ------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [(datetime.date(2027, 1, 19), 8), (datetime.date(2027, 6, 15), 7)],  # CET +1, CEST +2
)
def test_the_calendar_file_imports_at_the_swedish_local_time(course, mailoutbox, day, utc_hour):
    session = SessionFactory(course=course, starts_at=local(day, 9), ends_at=local(day, 16))
    with time_machine.travel(local(day, 9) - datetime.timedelta(days=20), tick=False):
        _register(session)
    calendar = icalendar.Calendar.from_ical(mailoutbox[0].attachments[0][1])
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert str(start.tzinfo) == "Europe/Stockholm"
    assert (start.hour, start.minute) == (9, 0)
    assert start.astimezone(datetime.UTC).hour == utc_hour
    assert event.decoded("dtend").hour == 16
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Stockholm"
    assert str(event["summary"]) == course.title
