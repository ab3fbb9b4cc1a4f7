"""The supervisor-training API as its clients use it: the public list and registration, the organiser's side."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from insteg.accounts.models import Organisation, Role
from insteg.accounts.tests.factories import MembershipFactory, OrganisationFactory
from insteg.training import services
from insteg.training.api import RegistrationRateThrottle
from insteg.training.models import Registration, Session
from insteg.training.tests.factories import CourseFactory, RegistrationFactory, SessionFactory, in_days

SESSIONS = reverse("api:training_sessions")
PUBLIC_LIST_QUERIES = 15
WITHDRAW = reverse("api:training_withdraw")


def _session_url(session) -> str:
    return reverse("api:training_session", args=[session.pk])


def _registrations_url(session) -> str:
    return reverse("api:training_registrations", args=[session.pk])


def _registration_url(registration) -> str:
    return reverse("api:training_registration", args=[registration.session_id, registration.pk])


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def _patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def _person(**fields) -> dict:
    return {
        "name": "Anna Handledare",
        "email": "anna@storsjobygg.example",
        "organisation_name": "Storsjöbygg AB",
        "phone": "063-14 30 00",
        "role": "Handledare",
        "consent": True,
        **fields,
    }


@pytest.fixture
def other_organiser(db):
    """A matching officer of another municipality: organises its own courses, never ours."""
    other = OrganisationFactory(name="Krokoms kommun", kind=Organisation.Kind.MUNICIPALITY)
    return MembershipFactory(organisation=other, role=Role.MATCHING_OFFICER, user__username="olle").user


def _fill(session, count: int, status=Registration.Status.CONFIRMED) -> list[Registration]:
    return [RegistrationFactory(session=session, status=status) for _number in range(count)]


# --- The public list ------------------------------------------------------------------------------------------


def test_anyone_lists_the_upcoming_sessions_but_not_cancelled_or_past_ones(client, session, past_session, course):
    cancelled = SessionFactory(course=course, status=Session.Status.CANCELLED)
    response = client.get(SESSIONS)
    assert response.status_code == 200
    ids = [item["id"] for item in response.json()["results"]]
    assert ids == [session.pk]
    assert cancelled.pk not in ids and past_session.pk not in ids


def test_a_listed_session_carries_what_a_registrant_needs(client, session):
    _fill(session, 3)
    item = client.get(SESSIONS).json()["results"][0]
    assert item["title"] == "Handledarutbildning"
    assert item["course"] == session.course_id
    assert item["agenda"] == ["09.00 Välkommen", "09.30 Ledarskap", "13.00 Kommunikation", "15.30 Avslutning"]
    assert item["capacity"] == 20 and item["seats_left"] == 17 and item["waitlisted"] == 0
    assert item["status"] == "open"
    assert item["waitlist_enabled"] is True and item["deadline_days_before"] == 8
    deadline = datetime.datetime.fromisoformat(item["registration_deadline"])
    assert deadline.date() == (session.local_start - datetime.timedelta(days=8)).date()
    assert (deadline.hour, deadline.minute) == (23, 59)
    assert item["url"].endswith(reverse("training:session", args=[session.pk]))


def test_a_session_whose_seats_are_taken_shows_full(client, small_session):
    _fill(small_session, 2)
    _fill(small_session, 1, status=Registration.Status.WAITLISTED)
    item = client.get(_session_url(small_session)).json()
    assert (item["status"], item["seats_left"], item["waitlisted"]) == ("full", 0, 1)


def test_a_cancelled_session_stays_readable_on_its_own(client, course):
    cancelled = SessionFactory(course=course, status=Session.Status.CANCELLED)
    assert client.get(_session_url(cancelled)).json()["status"] == "cancelled"
    assert client.get(reverse("api:training_session", args=[cancelled.pk + 1000])).status_code == 404


def test_organisers_see_all_their_sessions_with_scope_managed(client, matching_officer, session, past_session, course):
    cancelled = SessionFactory(course=course, status=Session.Status.CANCELLED)
    SessionFactory()  # another organiser's
    client.force_login(matching_officer)
    response = client.get(SESSIONS, {"scope": "managed"})
    assert response.status_code == 200
    assert {item["id"] for item in response.json()["results"]} == {session.pk, past_session.pk, cancelled.pk}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 401), ("supplier", 403), ("procurement_officer", 403), ("funder", 403)],
    indirect=["persona"],
)
def test_only_organisers_ask_for_scope_managed(client, session, persona, expected):
    if persona:
        client.force_login(persona)
    assert client.get(SESSIONS, {"scope": "managed"}).status_code == expected


def test_an_unknown_scope_is_bad_input(client, session):
    response = client.get(SESSIONS, {"scope": "everything"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"scope"}


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


def test_the_public_list_costs_the_same_queries_for_one_session_or_many(client, course, django_assert_num_queries):
    _fill(SessionFactory(course=course), 2)
    _queries(client, SESSIONS)  # the throttle's first write
    for days in (40, 50, 60):
        _fill(SessionFactory(course=course, starts_at=in_days(days)), 3)
    # Two throttles' cache rows (six each), the count, one page with every session's seat counts, and the
    # time limits the shared pagination helper reads once.
    with django_assert_num_queries(PUBLIC_LIST_QUERIES):
        assert len(client.get(SESSIONS).json()["results"]) == 4


def test_the_managed_list_costs_the_same_queries_for_one_session_or_many(
    client, matching_officer, course, past_session, django_assert_num_queries
):
    client.force_login(matching_officer)
    _queries(client, SESSIONS, {"scope": "managed"})
    few = _queries(client, SESSIONS, {"scope": "managed"})
    for days in (40, 50, 60):
        _fill(SessionFactory(course=course, starts_at=in_days(days)), 2)
    with django_assert_num_queries(few):
        assert client.get(SESSIONS, {"scope": "managed"}).json()["count"] == 4


# --- Creating and changing sessions ---------------------------------------------------------------------------


def _new_session(course, **fields) -> dict:
    day = (in_days(45)).date()
    return {
        "course": course.pk,
        "starts_at": f"{day}T09:00:00+01:00",
        "ends_at": f"{day}T16:00:00+01:00",
        "location": "Rådhuset, Östersund",
        "capacity": 12,
        "deadline_days_before": 9,
        **fields,
    }


def test_an_organiser_adds_a_session(client, matching_officer, course):
    client.force_login(matching_officer)
    response = _post(client, SESSIONS, _new_session(course, waitlist_enabled=False, language="en"))
    assert response.status_code == 201, response.json()
    body = response.json()
    session = Session.objects.get(pk=body["id"])
    assert (session.capacity, session.waitlist_enabled, session.language) == (12, False, "en")
    assert body["status"] == "open" and body["seats_left"] == 12
    assert body["registration_closes_on"] is None and body["deadline_days_before"] == 9


def test_a_session_may_close_on_a_given_day(client, administrator, course):
    client.force_login(administrator)
    closes_on = in_days(40).date()
    data = _new_session(course, deadline_days_before=None, registration_closes_on=str(closes_on))
    body = _post(client, SESSIONS, data).json()
    deadline = datetime.datetime.fromisoformat(body["registration_deadline"])
    assert deadline.date() == closes_on and (deadline.hour, deadline.minute) == (23, 59)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ends_at": "{day}T08:00:00+01:00"}, "ends_at"),
        ({"deadline_days_before": None, "registration_closes_on": "{later}"}, "registration_closes_on"),
        ({"registration_closes_on": "{earlier}"}, "deadline_days_before"),
        ({"status": "cancelled"}, "status"),
        ({"status": "full"}, "status"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": 501}, "capacity"),
        ({"location": "", "online_url": ""}, "location"),
        ({"starts_at": "20226-01-01T09:00:00+01:00"}, "starts_at"),
        ({"starts_at": "9999-12-31T23:59:59+00:00"}, "starts_at"),
        ({"waitlist_enabled": "yes"}, "waitlist_enabled"),
        ({"seats_left": 3}, "seats_left"),
    ],
)
def test_a_bad_session_is_refused_with_the_field_named(english, matching_officer, course, change, field):
    english.force_login(matching_officer)
    data = _new_session(course)
    day = data["starts_at"][:10]
    later = (datetime.date.fromisoformat(day) + datetime.timedelta(days=1)).isoformat()
    earlier = (datetime.date.fromisoformat(day) - datetime.timedelta(days=10)).isoformat()
    for name, value in change.items():
        data[name] = value.format(day=day, later=later, earlier=earlier) if isinstance(value, str) else value
    response = _post(english, SESSIONS, data)
    assert response.status_code == 400, response.json()
    assert field in response.json()["errors"]
    assert response.json()["detail"] == "The input is not valid."
    assert not Session.objects.exists()


def test_a_session_of_another_organisers_course_is_refused(english, matching_officer, course):
    english.force_login(matching_officer)
    foreign = CourseFactory()
    response = _post(english, SESSIONS, _new_session(foreign))
    assert response.status_code == 400
    assert response.json()["errors"] == {"course": ["Choose one of your organisation's courses."]}
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 401), ("supplier", 403), ("procurement_officer", 403), ("employment_officer", 403)],
    indirect=["persona"],
)
def test_only_organisers_add_sessions(client, course, persona, expected):
    if persona:
        client.force_login(persona)
    assert _post(client, SESSIONS, _new_session(course)).status_code == expected
    assert not Session.objects.exists()


def test_an_organiser_changes_a_session_and_more_seats_move_people_up(
    client, matching_officer, small_session, mailoutbox
):
    _fill(small_session, 2)
    waiting = _fill(small_session, 1, status=Registration.Status.WAITLISTED)[0]
    client.force_login(matching_officer)
    response = _patch(client, _session_url(small_session), {"capacity": 3, "location": "Folkets hus"})
    assert response.status_code == 200
    assert (response.json()["capacity"], response.json()["location"]) == (3, "Folkets hus")
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert [message.to for message in mailoutbox] == [[waiting.email]]


def test_fewer_seats_than_people_confirmed_are_refused(client, matching_officer, small_session):
    _fill(small_session, 2)
    client.force_login(matching_officer)
    response = _patch(client, _session_url(small_session), {"capacity": 1})
    assert response.status_code == 400 and set(response.json()["errors"]) == {"capacity"}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 401), ("supplier", 403), ("procurement_officer", 403), ("other_organiser", 403)],
    indirect=["persona"],
)
def test_only_the_organiser_changes_a_session(client, session, persona, expected):
    if persona:
        client.force_login(persona)
    assert _patch(client, _session_url(session), {"capacity": 30}).status_code == expected
    session.refresh_from_db()
    assert session.capacity == 20


def test_an_organiser_cancels_a_session_and_everyone_is_told(client, matching_officer, session, mailoutbox):
    people = _fill(session, 2) + _fill(session, 1, status=Registration.Status.WAITLISTED)
    client.force_login(matching_officer)
    response = _post(client, reverse("api:training_session_cancel", args=[session.pk]), {"message": "Sjukdom."})
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert sorted(message.to[0] for message in mailoutbox) == sorted(person.email for person in people)
    again = _post(client, reverse("api:training_session_cancel", args=[session.pk]), {})
    assert again.status_code == 409


def test_a_session_that_has_started_cannot_be_cancelled(client, matching_officer, past_session):
    client.force_login(matching_officer)
    assert _post(client, reverse("api:training_session_cancel", args=[past_session.pk]), {}).status_code == 409


def test_a_supplier_cannot_cancel_a_session(client, supplier, session):
    client.force_login(supplier)
    assert _post(client, reverse("api:training_session_cancel", args=[session.pk]), {}).status_code == 403
    session.refresh_from_db()
    assert session.status == Session.Status.OPEN


# --- Courses --------------------------------------------------------------------------------------------------


def test_an_organiser_adds_and_changes_a_course(client, administrator, municipality):
    client.force_login(administrator)
    data = {"title": "Handledning i praktiken", "description": "En dag om handledning.", "agenda": ["09.00 Start"]}
    response = _post(client, reverse("api:training_courses"), data)
    assert response.status_code == 201
    body = response.json()
    assert body["organisation"] == municipality.pk and body["agenda"] == ["09.00 Start"]
    url = reverse("api:training_course", args=[body["id"]])
    changed = _patch(client, url, {"agenda": ["09.00 Start", "12.00 Lunch"]}).json()
    assert changed["agenda"] == ["09.00 Start", "12.00 Lunch"] and changed["title"] == "Handledning i praktiken"
    assert client.get(reverse("api:training_courses")).json()["count"] == 1


def test_a_course_needs_a_title_and_string_fields(client, matching_officer):
    client.force_login(matching_officer)
    response = _post(client, reverse("api:training_courses"), {"title": 123, "agenda": "09.00 Start"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"title", "description", "agenda"}


def test_another_organisers_course_is_not_found(client, other_organiser, course):
    client.force_login(other_organiser)
    assert client.get(reverse("api:training_course", args=[course.pk])).status_code == 404
    assert client.get(reverse("api:training_courses")).json()["count"] == 0


def test_a_supplier_has_no_courses(client, supplier, course):
    client.force_login(supplier)
    assert client.get(reverse("api:training_courses")).status_code == 403
    assert client.get(reverse("api:training_course", args=[course.pk])).status_code == 404


# --- Registration ---------------------------------------------------------------------------------------------


def test_anyone_registers_and_is_confirmed_with_a_calendar_file(client, session, mailoutbox):
    response = _post(client, _registrations_url(session), _person(email="Anna@Storsjobygg.example"))
    assert response.status_code == 201, response.json()
    body = response.json()
    registration = Registration.objects.get()
    assert body == {
        "id": registration.pk,
        "status": "confirmed",
        "waitlist_position": None,
        "session": session.pk,
        "token": body["token"],
    }
    assert services.registration_for_token(body["token"]) == registration
    assert registration.email == "anna@storsjobygg.example" and registration.organisation is None
    assert registration.consent_text.version >= 1 and registration.consent_at is not None
    [message] = mailoutbox
    assert message.to == ["anna@storsjobygg.example"]
    [(filename, content, mimetype)] = message.attachments
    assert mimetype == "text/calendar" and filename.endswith(".ics")
    assert Calendar.from_ical(content).walk("VEVENT")[0]["SUMMARY"] == "Handledarutbildning"


def test_the_registration_email_follows_the_request_language(client, session, mailoutbox):
    _post(client, _registrations_url(session), _person(language="en"))
    assert Registration.objects.get().language == "en"


def test_a_full_session_puts_people_on_the_waiting_list_in_order(client, small_session, mailoutbox):
    _fill(small_session, 2)
    first = _post(client, _registrations_url(small_session), _person(email="first@foretag.example")).json()
    second = _post(client, _registrations_url(small_session), _person(email="second@foretag.example")).json()
    assert (first["status"], first["waitlist_position"]) == ("waitlisted", 1)
    assert (second["status"], second["waitlist_position"]) == ("waitlisted", 2)
    assert len(mailoutbox) == 2


def test_a_signed_in_supplier_contact_links_the_company(client, supplier, supplier_org, session):
    client.force_login(supplier)
    assert _post(client, _registrations_url(session), _person()).status_code == 201
    registration = Registration.objects.get()
    assert registration.organisation == supplier_org and registration.registered_by == supplier


def test_the_same_email_twice_is_refused_politely(english, session):
    assert _post(english, _registrations_url(session), _person()).status_code == 201
    response = _post(english, _registrations_url(session), _person(email="ANNA@storsjobygg.example"))
    assert response.status_code == 400
    assert response.json()["errors"]["email"] == [
        "This email address is already registered for the session. Check your inbox for the confirmation."
    ]
    assert Registration.objects.count() == 1


BAD_REGISTRATIONS = [
    ({"consent": False}, "consent"),
    ({"consent": None}, "consent"),
    ({"consent": "yes"}, "consent"),
    ({"consent": 1}, "consent"),
    ({"name": 123}, "name"),
    ({"name": ""}, "name"),
    ({"name": "x" * 201}, "name"),
    ({"name": "Anna\u0000Handledare"}, "name"),
    ({"email": "not an address"}, "email"),
    ({"email": ["anna@storsjobygg.example"]}, "email"),
    ({"email": "a" * 250 + "@x.se"}, "email"),
    ({"organisation_name": {"name": "Storsjöbygg"}}, "organisation_name"),
    ({"phone": "call me"}, "phone"),
    ({"role": "r" * 201}, "role"),
    ({"language": "de"}, "language"),
    ({"status": "confirmed"}, "status"),
]


@pytest.mark.parametrize(("change", "field"), BAD_REGISTRATIONS)
def test_bad_fields_are_refused_and_store_nothing(english, session, mailoutbox, change, field):
    response = _post(english, _registrations_url(session), _person(**change))
    assert response.status_code == 400, response.json()
    assert field in response.json()["errors"]
    assert not Registration.objects.exists() and not mailoutbox


@pytest.mark.parametrize("missing", ["consent", "name", "email", "organisation_name"])
def test_a_missing_field_is_named(english, session, missing):
    data = _person()
    del data[missing]
    response = _post(english, _registrations_url(session), data)
    assert response.status_code == 400 and missing in response.json()["errors"]
    assert not Registration.objects.exists()


def test_no_consent_says_why_in_words(english, session):
    data = _person()
    del data["consent"]
    expected = ["Tick the box to consent; without consent we cannot register you."]
    assert _post(english, _registrations_url(session), data).json()["errors"]["consent"] == expected
    assert _post(english, _registrations_url(session), _person(consent=False)).json()["errors"]["consent"] == expected


@pytest.mark.parametrize("body", ["[]", '"Anna"', "null", "{not json", "[" * 100_000 + "]" * 100_000])
def test_a_body_that_is_not_an_object_is_refused(english, session, body):
    response = english.post(_registrations_url(session), body, content_type="application/json")
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_a_form_encoded_body_is_unsupported(client, session):
    assert client.post(_registrations_url(session), _person()).status_code == 415
    assert not Registration.objects.exists()


def _closed(course):
    return SessionFactory(course=course, status=Session.Status.CLOSED)


def _after_deadline(course):
    return SessionFactory(course=course, starts_at=in_days(5), deadline_days_before=8)


def _cancelled(course):
    return SessionFactory(course=course, status=Session.Status.CANCELLED)


def _past(course):
    starts = in_days(-3)
    return SessionFactory(course=course, starts_at=starts, ends_at=starts + datetime.timedelta(hours=7))


def _full_without_waiting_list(course):
    session = SessionFactory(course=course, capacity=1, waitlist_enabled=False)
    _fill(session, 1)
    return session


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_closed, "Registration for this session is closed."),
        (_after_deadline, "Registration closed on"),
        (_cancelled, "The session has been cancelled."),
        (_past, "The session has already taken place."),
        (_full_without_waiting_list, "The session is full and has no waiting list."),
    ],
)
def test_a_session_that_takes_no_registration_says_why(english, course, mailoutbox, make, message):
    session = make(course)
    before = Registration.objects.count()
    response = _post(english, _registrations_url(session), _person())
    assert response.status_code == 400
    assert response.json()["errors"]["session"][0].startswith(message)
    assert Registration.objects.count() == before and not mailoutbox


def test_registering_for_an_unknown_session_is_not_found(client, session):
    assert _post(client, reverse("api:training_registrations", args=[session.pk + 1000]), _person()).status_code == 404


def test_registration_is_throttled_per_client(client, session, monkeypatch):
    monkeypatch.setattr(RegistrationRateThrottle, "THROTTLE_RATES", {"training_registration": "2/hour"})
    for number in range(2):
        assert _post(client, _registrations_url(session), _person(email=f"p{number}@x.se")).status_code == 201
    assert _post(client, _registrations_url(session), _person(email="third@x.se")).status_code == 429
    assert Registration.objects.count() == 2
    assert client.get(SESSIONS).status_code == 200  # reading is not limited by it


# --- The organiser's list of registrations --------------------------------------------------------------------


def test_organisers_list_the_registrations_with_consent_and_attendance(client, matching_officer, session, supplier_org):
    registration = RegistrationFactory(session=session, organisation=supplier_org, phone="070-123 45 67")
    client.force_login(matching_officer)
    response = client.get(_registrations_url(session))
    assert response.status_code == 200
    [item] = response.json()["results"]
    assert item == {
        "id": registration.pk,
        "name": registration.name,
        "email": registration.email,
        "phone": "070-123 45 67",
        "organisation_name": "Storsjöbygg AB",
        "organisation": supplier_org.pk,
        "role": "Handledare",
        "status": "confirmed",
        "registered_at": item["registered_at"],
        "consent_version": registration.consent_text.version,
        "consent_at": item["consent_at"],
        "attended": None,
        "anonymised": False,
    }
    assert client.get(_registration_url(registration)).json()["email"] == registration.email


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 401), ("supplier", 404), ("procurement_officer", 404), ("other_organiser", 404)],
    indirect=["persona"],
)
def test_registrations_are_hidden_from_everyone_else(client, registration, persona, expected):
    if persona:
        client.force_login(persona)
    assert client.get(_registrations_url(registration.session)).status_code == expected
    assert client.get(_registration_url(registration)).status_code == expected
    assert client.delete(_registration_url(registration)).status_code == expected
    registration.refresh_from_db()
    assert registration.is_active


def test_the_registration_list_costs_the_same_queries_for_few_or_many(
    client, administrator, session, django_assert_num_queries
):
    _fill(session, 1)
    client.force_login(administrator)
    _queries(client, _registrations_url(session))
    few = _queries(client, _registrations_url(session))
    _fill(session, 5)
    _fill(session, 2, status=Registration.Status.WAITLISTED)
    with django_assert_num_queries(few):
        assert client.get(_registrations_url(session)).json()["count"] == 8


# --- Attendance, removal and withdrawal -----------------------------------------------------------------------


def test_attendance_waits_until_the_session_has_started(client, matching_officer, registration):
    client.force_login(matching_officer)
    response = _patch(client, _registration_url(registration), {"attended": True})
    assert response.status_code == 409
    registration.refresh_from_db()
    assert registration.attended is None


def test_an_organiser_marks_attendance_after_the_session(client, matching_officer, past_session):
    came, away = _fill(past_session, 2)
    client.force_login(matching_officer)
    assert _patch(client, _registration_url(came), {"attended": True}).json()["attended"] is True
    assert _patch(client, _registration_url(away), {"attended": False}).json()["attended"] is False
    assert _patch(client, _registration_url(away), {"attended": None}).json()["attended"] is None
    came.refresh_from_db()
    assert came.attended is True


@pytest.mark.parametrize("body", [{"attended": "yes"}, {}, {"attended": True, "name": "Ny"}])
def test_attendance_takes_a_boolean_or_null_only(client, matching_officer, past_session, body):
    [registration] = _fill(past_session, 1)
    client.force_login(matching_officer)
    assert _patch(client, _registration_url(registration), body).status_code == 400
    registration.refresh_from_db()
    assert registration.attended is None


def test_removing_a_confirmed_seat_moves_the_first_waiting_up(client, matching_officer, small_session, mailoutbox):
    leaving, _staying = _fill(small_session, 2)
    first, second = _fill(small_session, 2, status=Registration.Status.WAITLISTED)
    client.force_login(matching_officer)
    assert client.delete(_registration_url(leaving)).status_code == 204
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED)
    assert [message.to for message in mailoutbox] == [[first.email]]
    assert client.delete(_registration_url(leaving)).status_code == 409


def test_removing_a_waiting_entry_moves_nobody_up(client, matching_officer, small_session, mailoutbox):
    _fill(small_session, 2)
    first, second = _fill(small_session, 2, status=Registration.Status.WAITLISTED)
    client.force_login(matching_officer)
    assert client.delete(_registration_url(first)).status_code == 204
    second.refresh_from_db()
    assert second.status == Registration.Status.WAITLISTED and not mailoutbox
    assert small_session.registrations.filter(status=Registration.Status.CONFIRMED).count() == 2


def test_withdrawing_with_the_key_frees_the_seat_for_the_first_waiting(client, small_session, mailoutbox):
    _fill(small_session, 1)
    token = _post(client, _registrations_url(small_session), _person()).json()["token"]
    waiting = _fill(small_session, 1, status=Registration.Status.WAITLISTED)[0]
    mailoutbox.clear()
    response = _post(client, WITHDRAW, {"token": token})
    assert response.status_code == 200 and response.json() == {"status": "cancelled"}
    withdrawn = services.registration_for_token(token)
    assert withdrawn.status == Registration.Status.CANCELLED and withdrawn.email == "" and withdrawn.is_anonymised
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert [message.to for message in mailoutbox] == [[waiting.email]]
    assert _post(client, WITHDRAW, {"token": token}).status_code == 409


@pytest.mark.parametrize("tamper", [lambda token: token[:-2] + "xy", lambda token: "x" + token, lambda token: "abc"])
def test_an_altered_key_is_not_found(client, registration, tamper):
    token = services.token_for(registration)
    assert _post(client, WITHDRAW, {"token": tamper(token)}).status_code == 404
    registration.refresh_from_db()
    assert registration.is_active


@pytest.mark.parametrize("body", [{}, {"token": 123}, {"token": "x" * 501}])
def test_withdrawal_needs_a_key_as_a_string(client, body):
    response = _post(client, WITHDRAW, body)
    assert response.status_code == 400 and "token" in response.json()["errors"]
