"""The public pages of the supervisor training, as a registrant, a supplier contact and a calendar see them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from insteg.contracts.tests.factories import AwardFactory, ContractFactory, PositionFactory, TenderFactory
from insteg.training import services
from insteg.training.models import STOCKHOLM, Registration, Session
from insteg.training.tests.factories import RegistrationFactory, SessionFactory, in_days, local


@pytest.fixture(autouse=True)
def _english(client):
    """The catalogue is Swedish-first and new strings have no Swedish yet: assert the English source text."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _form(**overrides):
    data = {
        "name": "Eva Handledare",
        "email": "eva@storsjobygg.example",
        "phone": "063-14 30 00",
        "organisation_name": "Storsjöbygg AB",
        "role": "Handledare",
        "consent": "on",
    }
    return {key: value for key, value in {**data, **overrides}.items() if value is not None}


def _register(client, session, **overrides):
    return client.post(reverse("training:session", args=[session.pk]), _form(**overrides))


def _page(response) -> str:
    return response.content.decode()


def _own_page(client, registration, **params):
    return client.get(reverse("training:registration", args=[services.token_for(registration)]), params)


# --- Every page opens for a visitor without an account ------------------------------------------------------


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_public_page_renders_for_an_anonymous_visitor(client, session, registration, language):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    token = services.token_for(registration)
    for url in (
        reverse("training:sessions"),
        reverse("training:feed"),
        reverse("training:session", args=[session.pk]),
        reverse("training:session_ics", args=[session.pk]),
        reverse("training:registration", args=[token]),
        reverse("privacy:notice", args=["training_registration"]),
    ):
        assert client.get(url).status_code == 200, url


def test_the_company_page_sends_an_anonymous_visitor_to_sign_in(client):
    response = client.get(reverse("training:company"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- The list of sessions -------------------------------------------------------------------------------------


def test_the_list_shows_each_upcoming_session_with_its_seats_deadline_and_status(client, course):
    open_session = SessionFactory(course=course, starts_at=local(in_days(40).date(), 9), location="Rådhuset")
    full = SessionFactory(course=course, starts_at=in_days(50), capacity=1, online_url="https://meet.example/abc")
    full.location = ""
    full.save()
    RegistrationFactory(session=full)
    SessionFactory(course=course, status=Session.Status.CANCELLED, starts_at=in_days(60))
    SessionFactory(course=course, starts_at=in_days(-3), deadline_days_before=1)
    page = _page(client.get(reverse("training:sessions")))
    assert "leadership, communication, self-image and personal development" in page
    assert reverse("training:session", args=[open_session.pk]) in page
    assert open_session.local_start.strftime("%H.%M").replace(":", ".") in page
    assert "Rådhuset" in page
    assert "Open for registration" in page
    assert "Full: waiting list open" in page
    assert "Online" in page
    assert page.count("<tr>") == 3  # the header and two sessions: the cancelled and the past one are not listed
    assert reverse("training:feed") in page
    assert "From URL" in page


def test_the_list_says_so_when_no_session_is_planned(client):
    page = _page(client.get(reverse("training:sessions")))
    assert "No sessions are planned at the moment" in page
    assert "<table" not in page


def test_organisers_find_the_manage_link_and_others_do_not(client, session, matching_officer, supplier):
    manage = reverse("training:manage")
    assert manage not in _page(client.get(reverse("training:sessions")))
    client.force_login(supplier)
    page = _page(client.get(reverse("training:sessions")))
    assert manage not in page
    assert reverse("training:company") in page
    client.force_login(matching_officer)
    assert manage in _page(client.get(reverse("training:sessions")))


@pytest.mark.parametrize("count", [1, 8])
def test_the_list_takes_the_same_number_of_queries_however_many_sessions(
    client, course, django_assert_num_queries, count
):
    for days in range(count):
        session = SessionFactory(course=course, starts_at=in_days(20 + days))
        RegistrationFactory(session=session)
    with django_assert_num_queries(1):  # the sessions with their course and seat counts
        assert client.get(reverse("training:sessions")).status_code == 200


def test_a_signed_in_organiser_list_takes_the_same_number_of_queries_however_many_sessions(
    client, course, matching_officer
):
    client.force_login(matching_officer)
    SessionFactory(course=course)
    client.get(reverse("training:sessions"))  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("training:sessions"))
    for days in range(6):
        SessionFactory(course=course, starts_at=in_days(40 + days))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("training:sessions"))
    assert len(many.captured_queries) == len(few.captured_queries)


# --- The calendar ---------------------------------------------------------------------------------------------


def test_the_feed_lists_the_upcoming_sessions_in_swedish_local_time_winter_and_summer(
    client, course, django_assert_num_queries
):
    year = in_days(0).year + 1
    winter = SessionFactory(course=course, starts_at=local(datetime.date(year, 1, 20), 9))
    summer = SessionFactory(course=course, starts_at=local(datetime.date(year, 6, 16), 13, 30))
    with django_assert_num_queries(1):
        response = client.get(reverse("training:feed"))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    starts = {str(event["uid"]): event.decoded("dtstart") for event in events}
    assert len(starts) == 2
    by_local = sorted(start.astimezone(STOCKHOLM).replace(tzinfo=None) for start in starts.values())
    assert by_local == [datetime.datetime(year, 1, 20, 9), datetime.datetime(year, 6, 16, 13, 30)]
    assert {start.utcoffset() for start in starts.values()} == {
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=2),
    }
    assert winter.pk != summer.pk


def test_one_session_downloads_as_an_ics_attachment(client, session):
    response = client.get(reverse("training:session_ics", args=[session.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == (
        f'attachment; filename="handledarutbildning-{session.local_start:%Y-%m-%d}.ics"'
    )
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    start = event.decoded("dtstart")
    assert start.astimezone(STOCKHOLM).replace(tzinfo=None) == session.local_start.replace(tzinfo=None)
    assert str(event["summary"]) == session.course.title


def test_an_unknown_session_is_404(client):
    assert client.get(reverse("training:session", args=[999999])).status_code == 404
    assert client.get(reverse("training:session_ics", args=[999999])).status_code == 404


# --- The session page and registration -----------------------------------------------------------------------


def test_the_session_page_shows_the_course_agenda_and_an_unticked_consent_box(client, session):
    page = _page(client.get(reverse("training:session", args=[session.pk])))
    assert session.course.title in page
    assert "<li>09.30 Ledarskap</li>" in page
    assert "20 of 20 seats left" in page
    assert "if you register now, you get a seat" in page
    assert reverse("training:session_ics", args=[session.pk]) in page
    assert 'name="consent"' in page
    assert 'name="consent" checked' not in page and "checked" not in page
    assert "I consent to the municipality processing the details" in page
    assert "(Consent text version 1.)" in page
    assert "I give my consent" in page
    assert reverse("privacy:notice", args=["training_registration"]) in page


def test_a_visitor_registers_gets_a_seat_and_an_email_with_the_calendar(client, session, mailoutbox):
    response = _register(client, session)
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("training:registration", args=[services.token_for(registration)])
    assert registration.status == Registration.Status.CONFIRMED
    assert (registration.email, registration.organisation_name, registration.language) == (
        "eva@storsjobygg.example",
        "Storsjöbygg AB",
        "en",
    )
    assert registration.consent_text.version == 1 and registration.consent_at is not None
    assert registration.organisation is None and registration.registered_by is None
    (message,) = mailoutbox
    assert message.to == ["eva@storsjobygg.example"]
    ((filename, content, mimetype),) = message.attachments
    assert mimetype == "text/calendar" and filename.endswith(".ics")
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("dtstart").astimezone(STOCKHOLM).hour == 9
    page = _page(client.get(response["Location"]))
    assert "Confirmed: you have a seat." in page
    assert "You are registered." in page


def test_when_every_seat_is_taken_the_form_says_waiting_list_and_the_registrant_waits(
    client, small_session, mailoutbox
):
    RegistrationFactory.create_batch(2, session=small_session)
    page = _page(client.get(reverse("training:session", args=[small_session.pk])))
    assert "Every seat is taken" in page
    assert "Join the waiting list" in page
    response = _register(client, small_session)
    registration = Registration.objects.get(email="eva@storsjobygg.example")
    assert registration.status == Registration.Status.WAITLISTED
    page = _page(client.get(response["Location"]))
    assert "On the waiting list: you are number 1 in the queue." in page
    assert mailoutbox[0].to == ["eva@storsjobygg.example"]


def _after_the_deadline(course):
    return SessionFactory(course=course, starts_at=in_days(5), deadline_days_before=8)


def _full_without_waiting_list(course):
    session = SessionFactory(course=course, capacity=1, waitlist_enabled=False)
    RegistrationFactory(session=session)
    return session


def _cancelled(course):
    return SessionFactory(course=course, status=Session.Status.CANCELLED)


def _past(course):
    starts = in_days(-10)
    return SessionFactory(course=course, starts_at=starts, ends_at=starts + datetime.timedelta(hours=7))


def _closed_by_staff(course):
    return SessionFactory(course=course, status=Session.Status.CLOSED)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_after_the_deadline, "Registration closed on"),
        (_full_without_waiting_list, "The session is full and has no waiting list."),
        (_cancelled, "The session has been cancelled."),
        (_past, "The session has already taken place."),
        (_closed_by_staff, "Registration for this session is closed."),
    ],
)
def test_a_session_that_takes_no_registrations_says_why_and_a_post_stores_nothing(
    client, course, mailoutbox, make, reason
):
    session = make(course)
    before = Registration.objects.count()
    page = _page(client.get(reverse("training:session", args=[session.pk])))
    assert reason in page
    assert 'name="consent"' not in page
    response = _register(client, session)
    assert response.status_code == 200
    assert reason in _page(response)
    assert Registration.objects.count() == before
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"consent": None}, "consent", "Tick the box to consent"),
        ({"email": "eva@"}, "email", "Enter an email address such as"),
        ({"email": "eva storsjobygg.example"}, "email", "Enter an email address such as"),
        ({"name": "E" * 201}, "name", "Write at most 200 characters; this has 201."),
        ({"name": ""}, "name", "Enter your name."),
        ({"organisation_name": ""}, "organisation_name", "Enter the company you work for."),
        ({"phone": "ring mig"}, "phone", "Enter a phone number with digits"),
        ({"name": "Eva\x07 Handledare"}, "name", "Remove the control characters."),
    ],
)
def test_a_malformed_registration_is_refused_next_to_its_field_and_stores_nothing(
    client, session, mailoutbox, overrides, field, message
):
    response = _register(client, session, **overrides)
    assert response.status_code == 200
    page = _page(response)
    assert "There is a problem" in page
    assert f'id="id_{field}_error"' in page
    assert message in page
    assert Registration.objects.count() == 0
    assert mailoutbox == []


def test_every_problem_is_reported_at_once(client, session):
    page = _page(_register(client, session, name="", email="nope", consent=None))
    for field in ("name", "email", "consent"):
        assert f'id="id_{field}_error"' in page


def test_the_same_email_twice_is_refused_politely(client, session, mailoutbox):
    _register(client, session)
    response = _register(client, session, email="EVA@storsjobygg.example", name="Eva igen")
    assert response.status_code == 200
    assert "This email address is already registered for the session" in _page(response)
    assert Registration.objects.count() == 1
    assert len(mailoutbox) == 1


def test_hostile_input_is_shown_as_text(client, session):
    response = _register(client, session, name="<script>alert(1)</script>", role='"><img src=x onerror=alert(1)>')
    page = _page(client.get(response["Location"]))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page


def test_a_registration_registers_in_swedish_when_the_page_is_swedish(client, session, mailoutbox):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "sv"
    _register(client, session)
    assert Registration.objects.get().language == "sv"


# --- A signed-in supplier contact -----------------------------------------------------------------------------


def _position_of(organisation, **fields):
    contract = ContractFactory(award=AwardFactory(winner=TenderFactory(organisation=organisation)))
    return PositionFactory(contract=contract, **fields)


def test_a_supplier_contact_finds_the_form_filled_in_and_the_registration_linked_to_the_company(
    client, session, supplier
):
    supplier.first_name, supplier.last_name, supplier.email = "Lars", "Larsson", "lars@storsjobygg.example"
    supplier.save()
    client.force_login(supplier)
    form = client.get(reverse("training:session", args=[session.pk])).context["form"]
    assert form.initial == {
        "name": "Lars Larsson",
        "email": "lars@storsjobygg.example",
        "organisation_name": "Storsjöbygg AB",
    }
    _register(client, session)
    registration = Registration.objects.get()
    assert registration.organisation == supplier.organisation
    assert registration.registered_by == supplier


def test_a_supplier_signs_up_the_supervisor_of_its_own_position(client, session, supplier, other_supplier_org):
    own = _position_of(supplier.organisation, supervisor_name="Eva Handledare", supervisor_email="eva@ssb.example")
    foreign = _position_of(other_supplier_org, supervisor_name="Hemlig Person", supervisor_email="hemlig@fs.example")
    client.force_login(supplier)
    url = reverse("training:session", args=[session.pk])
    initial = client.get(url, {"position": own.pk}).context["form"].initial
    assert (initial["name"], initial["email"]) == ("Eva Handledare", "eva@ssb.example")
    response = client.get(url, {"position": foreign.pk})
    assert "Hemlig" not in _page(response)
    assert response.context["form"].initial["email"] == supplier.email
    for nonsense in ("not-a-number", "²", "9" * 30, "-1"):
        assert client.get(url, {"position": nonsense}).status_code == 200


def test_the_list_carries_the_position_to_the_session_page(client, session):
    page = _page(client.get(reverse("training:sessions"), {"position": "42"}))
    assert reverse("training:session", args=[session.pk]) + "?position=42" in page
    page = _page(client.get(reverse("training:sessions"), {"position": '"><script>'}))
    assert f'href="{reverse("training:session", args=[session.pk])}"' in page  # nothing carried but digits


def test_a_visitor_gets_no_prefill_from_a_position(client, session, supplier_org):
    position = _position_of(supplier_org, supervisor_name="Eva Handledare")
    response = client.get(reverse("training:session", args=[session.pk]), {"position": position.pk})
    assert "Eva Handledare" not in _page(response)


# --- The registrant's own page behind the signed link ----------------------------------------------------------


def test_the_signed_link_shows_the_registration_and_get_changes_nothing(client, registration):
    page = _page(_own_page(client, registration))
    assert "Anna Handledare" in page and "anna@storsjobygg.example" in page
    assert "Confirmed: you have a seat." in page
    assert reverse("training:session_ics", args=[registration.session_id]) in page
    assert "Cancel my registration" in page
    response = _own_page(client, registration, cancel="1")
    assert "Do you want to cancel your registration?" in _page(response)
    assert response["X-Robots-Tag"] == "noindex"
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_cancelling_frees_the_seat_withdraws_consent_and_promotes_the_first_waiting(client, small_session, mailoutbox):
    seated = RegistrationFactory(session=small_session, name="Först", email="forst@example.se")
    RegistrationFactory(session=small_session)
    first_waiting = RegistrationFactory(session=small_session, status=Registration.Status.WAITLISTED, language="en")
    second_waiting = RegistrationFactory(session=small_session, status=Registration.Status.WAITLISTED)
    url = reverse("training:registration", args=[services.token_for(seated)])
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == url
    seated.refresh_from_db()
    assert seated.status == Registration.Status.CANCELLED
    assert seated.withdrawn_at is not None and seated.name == "" and seated.email == ""
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == Registration.Status.CONFIRMED
    assert second_waiting.status == Registration.Status.WAITLISTED
    (message,) = mailoutbox
    assert message.to == [first_waiting.email]
    page = _page(client.get(url))
    assert "Your registration is cancelled, your consent is withdrawn and your details removed." in page
    assert "Först" not in page and "forst@example.se" not in page
    assert "there is nothing more to cancel" in page
    assert "Cancel my registration" not in page


def test_a_registration_cancelled_by_staff_says_so_without_a_button(client, registration, matching_officer):
    services.remove(registration, user=matching_officer)
    page = _page(_own_page(client, registration))
    assert "Cancelled: this registration is no longer valid." in page
    assert "Cancel my registration" not in page
    response = client.post(reverse("training:registration", args=[services.token_for(registration)]), follow=True)
    assert "This registration is already cancelled." in _page(response)


def test_an_anonymised_registration_shows_no_personal_data(client, past_session):
    registration = RegistrationFactory(session=past_session, name="Gammal Deltagare", email="gammal@example.se")
    services.anonymise_registrations([registration.pk])
    page = _page(_own_page(client, registration))
    assert "Gammal" not in page and "gammal@example.se" not in page
    assert "Your details" not in page


def test_after_a_cancelled_session_the_link_says_so_and_still_withdraws_consent(client, registration, administrator):
    services.cancel_session(registration.session, user=administrator)
    page = _page(_own_page(client, registration))
    assert "The session has been cancelled, so your registration no longer applies." in page
    assert "Confirmed: you have a seat." not in page
    assert "Withdraw my consent" in page
    client.post(reverse("training:registration", args=[services.token_for(registration)]))
    registration.refresh_from_db()
    assert registration.withdrawn_at is not None and registration.email == ""


def test_after_the_session_the_link_offers_to_withdraw_consent(client, past_session):
    registration = RegistrationFactory(session=past_session, attended=True)
    page = _page(_own_page(client, registration))
    assert "Confirmed. The session has taken place." in page
    assert "Withdraw your consent" in page and "Cancel my registration" not in page


@pytest.mark.parametrize("token", ["not-a-token", "MQ:1abc:def", "x" * 300])
def test_a_bad_or_tampered_link_is_404(client, registration, token):
    assert client.get(reverse("training:registration", args=[token])).status_code == 404
    assert client.post(reverse("training:registration", args=[token])).status_code == 404


def test_a_link_edited_by_one_character_is_404_and_cancels_nothing(client, registration):
    token = services.token_for(registration)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.post(reverse("training:registration", args=[tampered])).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


# --- The supplier's company page ---------------------------------------------------------------------------------


def _company_registration(session, supplier, **fields):
    return RegistrationFactory(session=session, organisation=supplier.organisation, **fields)


def test_a_supplier_sees_its_company_registrations_by_session(client, session, past_session, supplier):
    _company_registration(session, supplier, name="Eva Handledare")
    _company_registration(past_session, supplier, name="Per Närvarande", attended=True)
    RegistrationFactory(session=session, name="Annan Person")  # not linked to the company
    client.force_login(supplier)
    page = _page(client.get(reverse("training:company")))
    assert "Eva Handledare" in page and "Per Närvarande" in page
    assert "Annan Person" not in page
    assert page.index("Per Närvarande") < page.index("Eva Handledare")  # the earlier session first
    assert "Yes" in page and "Not yet held" in page
    assert reverse("training:sessions") in page


def test_another_supplier_never_sees_the_company_registrations(client, session, supplier, other_supplier):
    _company_registration(session, supplier, name="Eva Handledare")
    client.force_login(other_supplier)
    page = _page(client.get(reverse("training:company")))
    assert "Eva Handledare" not in page
    assert "No one from your company is registered yet." in page


@pytest.mark.parametrize("persona", ["procurement_officer", "matching_officer", "administrator", "funder"])
def test_non_suppliers_are_refused_the_company_page(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("training:company")).status_code == 403


def test_the_company_page_takes_the_same_number_of_queries_however_many_registrations(client, course, supplier):
    client.force_login(supplier)
    _company_registration(SessionFactory(course=course), supplier)
    client.get(reverse("training:company"))  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("training:company"))
    for days in range(5):
        session = SessionFactory(course=course, starts_at=in_days(40 + days))
        _company_registration(session, supplier)
        _company_registration(session, supplier)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("training:company"))
    assert len(response.context["registrations"]) == 11
    assert len(many.captured_queries) == len(few.captured_queries)
