"""The organiser's pages: courses, sessions in Swedish time, registrations, removal, cancelling, attendance,
the XLSX export and the certificates."""

import datetime
import io
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from insteg.accounts.models import Organisation, Role
from insteg.accounts.tests.factories import MembershipFactory, OrganisationFactory
from insteg.contracts.tests.factories import PositionFactory
from insteg.privacy.models import AuditEvent
from insteg.training import services
from insteg.training.models import STOCKHOLM, Course, Registration, Session
from insteg.training.tests.factories import CourseFactory, RegistrationFactory, SessionFactory, in_days


@pytest.fixture
def organiser_client(client, english, matching_officer):
    client.force_login(matching_officer)
    return client


@pytest.fixture
def other_municipality_officer(db):
    krokom = OrganisationFactory(name="Krokoms kommun", kind=Organisation.Kind.MUNICIPALITY, org_number="")
    return MembershipFactory(organisation=krokom, role=Role.MATCHING_OFFICER).user


def _url(name, session=None, **kwargs):
    if session is not None:
        kwargs["pk"] = session.pk
    return reverse(f"training:{name}", kwargs=kwargs)


def _session_post(course, day: datetime.date, **overrides) -> dict:
    data = {
        "course": course.pk,
        "date": day.isoformat(),
        "start_time": "09:00",
        "end_time": "16:00",
        "end_date": "",
        "location": "Rådhuset, Rådhusgatan 44, Östersund",
        "online_url": "",
        "capacity": "20",
        "registration_closes_on": "",
        "deadline_days_before": "8",
        "waitlist_enabled": "on",
        "language": "sv",
        "status": "open",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _day(days: int) -> datetime.date:
    return in_days(days).date()


def _fill(session, confirmed: int, waiting: int = 0) -> tuple[list[Registration], list[Registration]]:
    people = [RegistrationFactory(session=session) for _ in range(confirmed)]
    waiters = [RegistrationFactory(session=session, status=Registration.Status.WAITLISTED) for _ in range(waiting)]
    return people, waiters


# --- Who may use the pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["matching_officer", "administrator"], indirect=True)
def test_organisers_see_their_sessions_upcoming_first_then_past(client, english, persona, course, session):
    past = SessionFactory(course=course, starts_at=in_days(-20, 9), ends_at=in_days(-20, 16))
    cancelled = SessionFactory(course=course, starts_at=in_days(40, 9), ends_at=in_days(40, 16), status="cancelled")
    _fill(session, confirmed=3, waiting=0)
    client.force_login(persona)

    response = client.get(_url("manage"))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.index(_url("session_manage", session)) < page.index(_url("session_manage", cancelled))
    assert page.index(_url("session_manage", cancelled)) < page.index(_url("session_manage", past))
    assert "3 of 20" in page
    assert "Cancelled" in page
    assert _url("course_edit", pk=course.pk) in page
    assert "New course" in page and "New session" in page


@pytest.mark.parametrize("persona", ["matching_officer", "administrator"], indirect=True)
def test_every_staff_page_opens_for_organisers(client, english, persona, past_session):
    attendee = RegistrationFactory(session=past_session, attended=True)
    client.force_login(persona)
    kwargs = {"registration_pk": attendee.pk}

    for url in [
        _url("manage"),
        _url("course_create"),
        _url("course_edit", pk=past_session.course.pk),
        _url("session_create"),
        _url("session_edit", past_session),
        _url("session_manage", past_session),
        _url("session_cancel", past_session),
        _url("export", past_session),
        _url("registration_remove", past_session, **kwargs),
        _url("certificate", past_session, **kwargs),
    ]:
        assert client.get(url).status_code == 200, url


def test_a_new_session_needs_a_course_first(organiser_client):
    page = organiser_client.get(_url("session_create")).content.decode()

    assert "Create a course first" in page
    assert _url("course_create") in page


@pytest.mark.parametrize(
    "persona", ["procurement_officer", "supplier", "other_supplier", "employment_officer", "funder"], indirect=True
)
@pytest.mark.parametrize("name", ["manage", "course_create", "session_create"])
def test_people_who_do_not_organise_are_refused_the_staff_pages(client, persona, name):
    client.force_login(persona)

    assert client.get(_url(name)).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(_url("manage"))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize(
    "name", ["session_manage", "session_edit", "session_cancel", "export", "attendance", "registration_remove"]
)
def test_another_municipality_cannot_reach_our_sessions(client, other_municipality_officer, registration, name):
    client.force_login(other_municipality_officer)
    kwargs = {"registration_pk": registration.pk} if name == "registration_remove" else {}

    response = client.get(_url(name, registration.session, **kwargs))

    assert response.status_code == 404


def test_another_municipality_cannot_edit_our_course_or_see_our_sessions(client, other_municipality_officer, session):
    client.force_login(other_municipality_officer)

    assert client.get(_url("course_edit", pk=session.course.pk)).status_code == 404
    assert _url("session_manage", session) not in client.get(_url("manage")).content.decode()


def test_a_course_of_another_municipality_cannot_be_chosen_for_a_session(
    organiser_client, other_municipality_officer, course
):
    theirs = CourseFactory(organisation=other_municipality_officer.organisation, title="Krokoms utbildning")

    response = organiser_client.post(_url("session_create"), _session_post(theirs, _day(30)))

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Session.objects.exists()


# --- Courses ----------------------------------------------------------------------------------------------------


def test_an_organiser_creates_a_course_for_their_municipality(organiser_client, municipality):
    response = organiser_client.post(
        _url("course_create"),
        {
            "title": "Handledarutbildning hösten",
            "description": "Ledarskap, kommunikation, självbild och personlig utveckling.",
            "agenda": "09.00 Välkommen\n\n13.00 Kommunikation\n",
        },
        follow=True,
    )

    course = Course.objects.get()
    assert course.organisation == municipality
    assert course.agenda_items() == ["09.00 Välkommen", "13.00 Kommunikation"]
    assert "is saved" in response.content.decode()
    assert AuditEvent.objects.filter(action="training.course_added").exists()


def test_an_organiser_edits_a_course(organiser_client, course):
    response = organiser_client.get(_url("course_edit", pk=course.pk))
    assert course.description in response.content.decode()

    organiser_client.post(
        _url("course_edit", pk=course.pk),
        {"title": "Handledarutbildning 2.0", "description": course.description, "agenda": ""},
    )

    course.refresh_from_db()
    assert course.title == "Handledarutbildning 2.0"
    assert course.agenda_items() == []


def test_a_course_without_a_title_is_refused(organiser_client):
    response = organiser_client.post(_url("course_create"), {"title": "", "description": "Ledarskap.", "agenda": ""})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Course.objects.exists()


# --- Sessions ---------------------------------------------------------------------------------------------------


def test_the_new_session_form_preselects_the_course(organiser_client, course):
    other = CourseFactory(organisation=course.organisation, title="Fördjupning")

    response = organiser_client.get(_url("session_create") + f"?course={other.pk}")

    assert f'<option value="{other.pk}" selected>' in response.content.decode()
    assert 'type="date"' in response.content.decode() and 'type="time"' in response.content.decode()


def test_a_session_with_a_last_day_closes_at_the_end_of_that_day_swedish_time(organiser_client, course):
    day = _day(45)
    last_day = day - datetime.timedelta(days=10)

    response = organiser_client.post(
        _url("session_create"),
        _session_post(course, day, registration_closes_on=last_day.isoformat(), deadline_days_before=""),
    )

    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("session_manage", session)
    assert session.starts_at == datetime.datetime.combine(day, datetime.time(9), tzinfo=STOCKHOLM)
    assert session.ends_at == datetime.datetime.combine(day, datetime.time(16), tzinfo=STOCKHOLM)
    assert session.registration_deadline == datetime.datetime.combine(
        last_day, datetime.time(23, 59, 59), tzinfo=STOCKHOLM
    )


def test_a_session_closing_n_days_before_closes_at_the_end_of_that_day(organiser_client, course):
    day = _day(60)

    organiser_client.post(_url("session_create"), _session_post(course, day, deadline_days_before="9"))

    session = Session.objects.get()
    assert session.deadline_days_before == 9
    assert session.local_deadline.replace(tzinfo=None) == datetime.datetime.combine(
        day - datetime.timedelta(days=9), datetime.time(23, 59, 59)
    )


def test_a_session_over_two_days_and_online(organiser_client, course):
    day = _day(50)

    organiser_client.post(
        _url("session_create"),
        _session_post(
            course,
            day,
            end_date=(day + datetime.timedelta(days=1)).isoformat(),
            location="",
            online_url="https://meet.example/handledare",
        ),
    )

    session = Session.objects.get()
    assert session.local_end.date() == day + datetime.timedelta(days=1)
    assert session.location == "" and session.online_url == "https://meet.example/handledare"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"start_time": "13:00", "end_time": "09:00"}, "The session must end after it starts."),
        ({"registration_closes_on": "after", "deadline_days_before": ""}, "Registration must close before"),
        ({"registration_closes_on": "before"}, "Give either a last day to register or a number of days, not both."),
        ({"capacity": "0"}, "Ensure this value is greater than or equal to 1."),
        ({"capacity": "100000"}, "Ensure this value is less than or equal to 500."),
        ({"location": "", "online_url": ""}, "Give a place, an online link, or both."),
        ({"date": "2026-02-30"}, "Enter a valid date."),
        ({"start_time": "25:00"}, "Enter a valid time."),
        ({"deadline_days_before": "-1"}, "Ensure this value is greater than or equal to 0."),
        ({"online_url": "javascript:alert(1)", "location": ""}, "Enter a valid URL."),
    ],
)
def test_bad_session_input_gives_a_clear_message_and_stores_nothing(organiser_client, course, overrides, message):
    day = _day(30)
    dates = {"after": day + datetime.timedelta(days=1), "before": day - datetime.timedelta(days=10)}
    if overrides.get("registration_closes_on") in dates:
        overrides = {**overrides, "registration_closes_on": dates[overrides["registration_closes_on"]].isoformat()}

    response = organiser_client.post(_url("session_create"), _session_post(course, day, **overrides))

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert message in response.content.decode()
    assert not Session.objects.exists()
    assert not AuditEvent.objects.filter(action="training.session_added").exists()


def test_an_organiser_moves_a_session_to_another_day(organiser_client, session):
    day = _day(20)

    response = organiser_client.post(
        _url("session_edit", session), _session_post(session.course, day, start_time="10:00", end_time="15:30")
    )

    session.refresh_from_db()
    assert response.status_code == 302
    assert session.local_start.date() == day
    assert session.local_start.time() == datetime.time(10)
    assert session.local_deadline.date() == day - datetime.timedelta(days=8)


def test_the_edit_form_shows_the_session_in_swedish_time(organiser_client, course):
    session = SessionFactory(course=course, starts_at=in_days(30, 8), ends_at=in_days(30, 15))

    page = organiser_client.get(_url("session_edit", session)).content.decode()

    assert 'value="08:00"' in page and 'value="15:00"' in page
    assert f'value="{session.local_start.date().isoformat()}"' in page


def test_capacity_below_the_confirmed_is_refused(organiser_client, session):
    _fill(session, confirmed=3)

    response = organiser_client.post(
        _url("session_edit", session), _session_post(session.course, session.local_start.date(), capacity="2")
    )

    session.refresh_from_db()
    assert response.status_code == 200
    assert "3 people are already confirmed; remove registrations first." in response.content.decode()
    assert session.capacity == 20


def test_more_seats_move_the_first_waiting_people_up_and_tell_them(organiser_client, small_session, mailoutbox):
    _fill(small_session, confirmed=2)
    first, second, third = _fill(small_session, confirmed=0, waiting=3)[1]

    response = organiser_client.post(
        _url("session_edit", small_session),
        _session_post(small_session.course, small_session.local_start.date(), capacity="4"),
        follow=True,
    )

    statuses = {r.pk: r.status for r in Registration.objects.filter(pk__in=[first.pk, second.pk, third.pk])}
    assert statuses == {first.pk: "confirmed", second.pk: "confirmed", third.pk: "waitlisted"}
    assert sorted(message.to[0] for message in mailoutbox) == sorted([first.email, second.email])
    assert "2 people moved up from the waiting list and were told by email." in response.content.decode()


def test_a_cancelled_session_is_shown_read_only(organiser_client, matching_officer, session):
    services.cancel_session(session, user=matching_officer)

    response = organiser_client.get(_url("session_edit", session))
    posted = organiser_client.post(_url("session_edit", session), _session_post(session.course, _day(10)))

    assert "This session is cancelled and can no longer be changed." in response.content.decode()
    assert 'name="capacity"' not in response.content.decode()
    assert posted.status_code == 200
    session.refresh_from_db()
    assert session.local_start.date() == _day(30)


# --- Registrations, removal, cancelling ---------------------------------------------------------------------------


def test_the_session_page_lists_confirmed_waiting_in_order_and_cancelled(organiser_client, small_session):
    confirmed, waiting = _fill(small_session, confirmed=2, waiting=2)
    gone = RegistrationFactory(session=small_session, status=Registration.Status.CANCELLED, name="Gunnel Borta")
    RegistrationFactory(
        session=small_session,
        status=Registration.Status.CANCELLED,
        name="",
        email="",
        phone="",
        organisation_name="Frösö Städ AB",
        anonymised_at=datetime.datetime(2026, 1, 1, tzinfo=STOCKHOLM),
    )

    page = organiser_client.get(_url("session_manage", small_session)).content.decode()

    assert page.index(confirmed[0].email) < page.index(confirmed[1].email) < page.index("Waiting list, first in")
    assert page.index("Waiting list, first in") < page.index(waiting[0].email) < page.index(waiting[1].email)
    assert page.index(waiting[1].email) < page.index(gone.name)
    assert "Anonymised" in page and "Frösö Städ AB" in page
    assert '<td class="number">1</td>' in page and '<td class="number">2</td>' in page
    assert _url("registration_remove", small_session, registration_pk=confirmed[0].pk) in page
    assert _url("registration_remove", small_session, registration_pk=gone.pk) not in page
    assert "moves nobody up" in page
    for name in ("session_edit", "export", "session_cancel"):
        assert _url(name, small_session) in page


def test_the_removal_is_confirmed_first(organiser_client, small_session):
    confirmed, waiting = _fill(small_session, confirmed=2, waiting=1)

    seat = organiser_client.get(_url("registration_remove", small_session, registration_pk=confirmed[0].pk))
    place = organiser_client.get(_url("registration_remove", small_session, registration_pk=waiting[0].pk))

    assert "The seat goes to the first person on the waiting list" in seat.content.decode()
    assert "Nobody moves up." in place.content.decode()
    assert Registration.objects.filter(status=Registration.Status.CANCELLED).count() == 0


def test_removing_a_confirmed_seat_moves_the_first_waiting_person_up(organiser_client, small_session, mailoutbox):
    confirmed, waiting = _fill(small_session, confirmed=2, waiting=2)

    response = organiser_client.post(
        _url("registration_remove", small_session, registration_pk=confirmed[0].pk), follow=True
    )

    assert Registration.objects.get(pk=confirmed[0].pk).status == Registration.Status.CANCELLED
    assert Registration.objects.get(pk=waiting[0].pk).status == Registration.Status.CONFIRMED
    assert Registration.objects.get(pk=waiting[1].pk).status == Registration.Status.WAITLISTED
    assert [message.to for message in mailoutbox] == [[waiting[0].email]]
    assert f"{waiting[0].name} moved up from the waiting list and was told by email." in response.content.decode()


def test_removing_a_waiting_entry_moves_nobody_up(organiser_client, small_session, mailoutbox):
    _confirmed, waiting = _fill(small_session, confirmed=2, waiting=2)

    response = organiser_client.post(
        _url("registration_remove", small_session, registration_pk=waiting[0].pk), follow=True
    )

    assert Registration.objects.get(pk=waiting[0].pk).status == Registration.Status.CANCELLED
    assert Registration.objects.get(pk=waiting[1].pk).status == Registration.Status.WAITLISTED
    assert mailoutbox == []
    assert "The registration is removed." in response.content.decode()
    assert "moved up" not in response.content.decode()


def test_removing_twice_says_it_is_already_cancelled(organiser_client, registration):
    url = _url("registration_remove", registration.session, registration_pk=registration.pk)
    organiser_client.post(url)

    response = organiser_client.post(url, follow=True)

    assert "This registration is already cancelled." in response.content.decode()


def test_cancelling_a_session_tells_everyone_registered_with_the_message(organiser_client, small_session, mailoutbox):
    confirmed, waiting = _fill(small_session, confirmed=2, waiting=1)
    RegistrationFactory(session=small_session, status=Registration.Status.CANCELLED)
    form = organiser_client.get(_url("session_cancel", small_session))
    assert "Everyone registered or waiting is told by email: 3 people." in form.content.decode()

    response = organiser_client.post(
        _url("session_cancel", small_session), {"message": "Ny tid: tisdag 10 november."}, follow=True
    )

    small_session.refresh_from_db()
    assert small_session.status == Session.Status.CANCELLED
    assert sorted(message.to[0] for message in mailoutbox) == sorted(r.email for r in [*confirmed, *waiting])
    assert all("Ny tid: tisdag 10 november." in message.body for message in mailoutbox)
    assert "The session is cancelled. 3 people were told by email." in response.content.decode()
    assert response.redirect_chain[-1][0] == _url("session_manage", small_session)


def test_a_message_over_1000_characters_is_refused(organiser_client, session, mailoutbox):
    response = organiser_client.post(_url("session_cancel", session), {"message": "x" * 1001})

    session.refresh_from_db()
    assert response.status_code == 200
    assert "Ensure this value has at most 1000 characters" in response.content.decode()
    assert session.status == Session.Status.OPEN


def test_a_started_session_cannot_be_cancelled(organiser_client, past_session):
    page = organiser_client.get(_url("session_cancel", past_session)).content.decode()
    response = organiser_client.post(_url("session_cancel", past_session), {"message": ""}, follow=True)

    past_session.refresh_from_db()
    assert "A session that has started cannot be cancelled." in page
    assert "A session that has started cannot be cancelled." in response.content.decode()
    assert past_session.status == Session.Status.OPEN


# --- Attendance -------------------------------------------------------------------------------------------------


def test_attendance_after_the_session_marks_the_supervisor_as_trained(organiser_client, past_session):
    came = RegistrationFactory(session=past_session, name="Eva Handledare", email="eva@frosostad.example")
    absent = RegistrationFactory(session=past_session)
    waiting = RegistrationFactory(session=past_session, status=Registration.Status.WAITLISTED)
    position = PositionFactory(supervisor_email="Eva@Frosostad.example")
    other_position = PositionFactory(supervisor_email="someone.else@frosostad.example")
    page = organiser_client.get(_url("session_manage", past_session)).content.decode()
    assert f'name="attended_{came.pk}"' in page and f'name="attended_{waiting.pk}"' not in page

    response = organiser_client.post(
        _url("attendance", past_session), {f"attended_{came.pk}": "yes", f"attended_{absent.pk}": "no"}, follow=True
    )

    came.refresh_from_db()
    absent.refresh_from_db()
    position.refresh_from_db()
    other_position.refresh_from_db()
    assert (came.attended, absent.attended) == (True, False)
    assert position.supervisor_trained is True
    assert other_position.supervisor_trained is False
    page = response.content.decode()
    assert "Attendance is saved. 1 position is now marked as having a trained supervisor." in page
    assert _url("certificate", past_session, registration_pk=came.pk) in page
    assert _url("certificate", past_session, registration_pk=absent.pk) not in page


def test_attendance_can_be_unmarked(organiser_client, past_session):
    registration = RegistrationFactory(session=past_session, attended=True)

    organiser_client.post(_url("attendance", past_session), {f"attended_{registration.pk}": ""})

    registration.refresh_from_db()
    assert registration.attended is None


def test_attendance_before_the_session_is_refused(organiser_client, registration):
    response = organiser_client.post(
        _url("attendance", registration.session), {f"attended_{registration.pk}": "yes"}, follow=True
    )

    registration.refresh_from_db()
    assert "Attendance can be marked once the session has started." in response.content.decode()
    assert registration.attended is None


def test_the_attendance_form_is_only_shown_after_the_start(organiser_client, registration):
    page = organiser_client.get(_url("session_manage", registration.session)).content.decode()

    assert f'name="attended_{registration.pk}"' not in page


def test_attendance_page_by_get_goes_back_to_the_session(organiser_client, past_session):
    response = organiser_client.get(_url("attendance", past_session))

    assert response.status_code == 302
    assert response["Location"] == _url("session_manage", past_session)


def test_a_bad_attendance_value_is_refused(organiser_client, past_session):
    registration = RegistrationFactory(session=past_session)

    response = organiser_client.post(_url("attendance", past_session), {f"attended_{registration.pk}": "maybe"})

    registration.refresh_from_db()
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert registration.attended is None


# --- Export and certificates ------------------------------------------------------------------------------------


def test_the_export_is_an_xlsx_of_the_registrants_with_formulas_as_text(organiser_client, matching_officer, session):
    RegistrationFactory(session=session, name="Anna Handledare", email="anna@storsjobygg.example")
    RegistrationFactory(session=session, name='=HYPERLINK("http://evil.example")', email="x@evil.example")
    RegistrationFactory(
        session=session, name="", email="", anonymised_at=datetime.datetime(2026, 1, 1, tzinfo=STOCKHOLM)
    )

    response = organiser_client.get(_url("export", session))

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == (
        f'attachment; filename="handledarutbildning-{session.local_start:%Y-%m-%d}-anmalningar.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Name", "Email", "Phone")
    assert len(rows) == 3
    assert rows[1][:2] == ("Anna Handledare", "anna@storsjobygg.example")
    formula_cell = sheet.cell(row=3, column=1)
    assert formula_cell.data_type == "s"
    assert "HYPERLINK" in formula_cell.value and not formula_cell.value.startswith("=")
    event = AuditEvent.objects.get(action="training.exported")
    assert (event.actor, event.data) == (matching_officer, {"count": 2})


def test_the_certificate_names_the_person_and_the_course(organiser_client, past_session):
    registration = RegistrationFactory(session=past_session, name="Eva Åkerlund", attended=True)

    response = organiser_client.get(_url("certificate", past_session, registration_pk=registration.pk))

    assert response["Content-Type"] == "application/pdf"
    pdftotext = ["pdftotext", "-enc", "UTF-8", "-", "-"]
    text = subprocess.run(pdftotext, input=response.content, capture_output=True, check=True).stdout.decode()  # noqa: S603, S607
    assert "Eva Åkerlund" in text
    assert past_session.course.title in text


@pytest.mark.parametrize("attended", [None, False])
def test_no_certificate_for_someone_who_did_not_attend(organiser_client, past_session, attended):
    registration = RegistrationFactory(session=past_session, attended=attended)

    response = organiser_client.get(_url("certificate", past_session, registration_pk=registration.pk))

    assert response.status_code == 404


def test_no_certificate_for_a_registration_of_another_session(organiser_client, past_session, session):
    registration = RegistrationFactory(session=session, attended=True)

    response = organiser_client.get(_url("certificate", past_session, registration_pk=registration.pk))

    assert response.status_code == 404


# --- The number of queries does not grow with the data ---------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_session_page_costs_the_same_queries_whatever_the_registrations(
    organiser_client, past_session, django_assert_num_queries
):
    _fill(past_session, confirmed=1, waiting=1)
    url = _url("session_manage", past_session)
    _queries(organiser_client, url)  # warm the session and the content types
    few = _queries(organiser_client, url)
    _fill(past_session, confirmed=12, waiting=6)
    RegistrationFactory.create_batch(4, session=past_session, status=Registration.Status.CANCELLED, attended=None)
    Registration.objects.filter(session=past_session, status="confirmed").update(attended=True)

    with django_assert_num_queries(few):
        assert organiser_client.get(url).status_code == 200
    assert few == 5  # session, user, memberships; the session with its counts; its registrations


def test_the_overview_costs_the_same_queries_whatever_the_sessions(organiser_client, course, django_assert_num_queries):
    SessionFactory(course=course)
    url = _url("manage")
    _queries(organiser_client, url)
    few = _queries(organiser_client, url)
    for days in range(-40, 60, 10):
        session = SessionFactory(course=course, starts_at=in_days(days, 9), ends_at=in_days(days, 16))
        _fill(session, confirmed=2, waiting=1)
    CourseFactory.create_batch(3, organisation=course.organisation)

    with django_assert_num_queries(few):
        assert organiser_client.get(url).status_code == 200
    assert few == 6  # session, user, memberships; upcoming, past (with counts); courses
