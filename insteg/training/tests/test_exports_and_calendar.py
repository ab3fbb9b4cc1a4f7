"""Training lists as CSV/XLSX (the public sessions, the organiser's sessions, a company's registrations) and the
iCalendar feeds read back with the `icalendar` library, as a calendar program would."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from insteg.lib.tests.export_files import column, csv_rows, xlsx_rows
from insteg.training.models import Session
from insteg.training.tests.factories import RegistrationFactory, SessionFactory, in_days

SESSIONS = reverse("training:sessions")
MANAGE = reverse("training:manage")
COMPANY = reverse("training:company")


def test_anyone_exports_the_upcoming_sessions_never_a_cancelled_or_past_one(client, course, session):
    SessionFactory(course=course, status=Session.Status.CANCELLED, starts_at=in_days(60))
    SessionFactory(course=course, starts_at=in_days(-3), deadline_days_before=1)
    RegistrationFactory(session=session)
    rows = csv_rows(client.get(SESSIONS, {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert rows[0][:4] == ["Starts", "Ends", "Course", "Place"]
    assert column(rows, "Starts") == [session.local_start.strftime("%Y-%m-%d %H:%M:%S")]
    assert column(rows, "Seats left") == ["19"]
    assert column(rows, "Place") == ["Rådhuset, Rådhusgatan 44, Östersund"]
    assert column(rows, "Address") == ["http://testserver" + reverse("training:session", args=[session.pk])]


def test_the_organiser_exports_every_session_with_its_counts(client, matching_officer, course, session, past_session):
    RegistrationFactory(session=session)
    client.force_login(matching_officer)
    rows = xlsx_rows(client.get(MANAGE, {"export": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert column(rows, "Starts") == [
        session.local_start.replace(tzinfo=None),
        past_session.local_start.replace(tzinfo=None),
    ]
    assert column(rows, "Seats taken") == [1, 0]
    assert column(rows, "Seats") == [20, 20]


@pytest.mark.parametrize("persona", ["supplier", "funder", "procurement_officer"])
def test_only_organisers_export_the_managed_sessions(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(MANAGE, {"export": "csv"}).status_code == client.get(MANAGE).status_code == 403


def test_a_supplier_exports_its_own_companys_registrations_only(client, supplier, other_supplier, session):
    RegistrationFactory(session=session, organisation=supplier.organisation, name="Eva Handledare")
    RegistrationFactory(session=session, organisation=other_supplier.organisation, name="Frösös handledare")
    client.force_login(supplier)
    rows = csv_rows(client.get(COMPANY, {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="en"))
    assert column(rows, "Person") == ["Eva Handledare"]
    assert column(rows, "Attended") == ["Not yet held"]
    client.force_login(other_supplier)
    assert column(csv_rows(client.get(COMPANY, {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="en")), "Person") == [
        "Frösös handledare"
    ]


@pytest.mark.parametrize("count", [1, 8])
def test_the_public_export_takes_one_query_however_many_sessions(client, course, django_assert_num_queries, count):
    for days in range(count):
        RegistrationFactory(session=SessionFactory(course=course, starts_at=in_days(20 + days)))
    with django_assert_num_queries(1):  # the sessions with their course and seat counts, as the page
        response = client.get(SESSIONS, {"export": "csv"})
    assert len(csv_rows(response)) == count + 1


# --- iCalendar -------------------------------------------------------------------------------------------------


def _calendar(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_the_calendar_feed_is_valid_icalendar_with_the_upcoming_sessions_only(client, course, session, registration):
    cancelled = SessionFactory(course=course, status=Session.Status.CANCELLED, starts_at=in_days(60))
    calendar = _calendar(client.get(reverse("training:feed")))
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
        assert event.get(required) is not None, required
    assert event.decoded("DTSTART") == session.local_start
    assert str(event["UID"]).startswith(f"training-session-{session.pk}@")
    assert f"training-session-{cancelled.pk}@" not in client.get(reverse("training:feed")).content.decode()
    assert "Anna Handledare" not in client.get(reverse("training:feed")).content.decode()  # never who registered


def test_a_cancelled_sessions_own_file_says_cancelled(client, course):
    cancelled = SessionFactory(course=course, status=Session.Status.CANCELLED, starts_at=in_days(60))
    event = _calendar(client.get(reverse("training:session_ics", args=[cancelled.pk]))).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"
