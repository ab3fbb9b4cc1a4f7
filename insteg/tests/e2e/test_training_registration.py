"""Registering for the supervisor training in a real browser: without JavaScript, and accessible in both languages."""

import pytest
from django.urls import reverse

from insteg.tests.e2e.test_pages_a11y import _assert_accessible, _sign_in
from insteg.training.models import Registration
from insteg.training.tests.factories import CourseFactory, RegistrationFactory, SessionFactory


@pytest.fixture
def training_session(municipality):
    return SessionFactory(course=CourseFactory(organisation=municipality), capacity=2)


@pytest.fixture
def no_script_page(browser, live_server):
    """A browser with JavaScript switched off: the form must work as plain HTML."""
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    yield page
    context.close()


def test_a_visitor_registers_without_javascript_and_sees_the_confirmation(
    live_server, no_script_page, training_session
):
    page = no_script_page
    page.goto(live_server.url + reverse("training:session", args=[training_session.pk]))
    page.fill("#id_name", "Eva Handledare")
    page.fill("#id_email", "eva@storsjobygg.example")
    page.fill("#id_organisation_name", "Storsjöbygg AB")
    page.check("#id_consent")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('Your registration')")
    assert "Confirmed: you have a seat." in page.inner_text("main")
    assert Registration.objects.get().status == Registration.Status.CONFIRMED

    # Cancelling, too, is plain links and forms: a confirmation step, then the POST.
    page.click("text=Cancel my registration")
    page.click("button:has-text('Yes, cancel my registration')")
    page.wait_for_selector("text=your consent is withdrawn")
    assert Registration.objects.get().status == Registration.Status.CANCELLED


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_registration_pages_have_no_axe_violations(live_server, page, training_session, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(live_server.url + reverse("training:sessions"))
    _assert_accessible(page, language)

    # The session page with every field in error, and the error summary on top.
    page.goto(live_server.url + reverse("training:session", args=[training_session.pk]))
    _assert_accessible(page, language)
    page.fill("#id_email", "inte-en-adress")
    page.click("main button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    assert page.locator(".field--error").count() == 4  # name, email, company, consent
    _assert_accessible(page, language)

    # The registrant's own page: on the waiting list, at the confirmation step, then cancelled.
    RegistrationFactory.create_batch(2, session=training_session)
    page.fill("#id_name", "Eva Handledare")
    page.fill("#id_email", "eva@storsjobygg.example")
    page.fill("#id_organisation_name", "Storsjöbygg AB")
    page.check("#id_consent")
    page.click("main button[type=submit]")
    page.wait_for_selector(".panel--success")
    _assert_accessible(page, language)
    page.click("main a.button")
    _assert_accessible(page, language)
    page.click("main button[type=submit]")
    page.wait_for_selector(".message--success")
    _assert_accessible(page, language)

    page.goto(live_server.url + reverse("privacy:notice", args=["training_registration"]))
    _assert_accessible(page, language)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_company_page_has_no_axe_violations(live_server, page, training_session, supplier, language):
    RegistrationFactory(session=training_session, organisation=supplier.organisation, name="Eva Handledare")
    RegistrationFactory(session=training_session, organisation=supplier.organisation, status="waitlisted")
    _sign_in(page, live_server.url, supplier, language)
    page.goto(live_server.url + reverse("training:company"))
    assert "Eva Handledare" in page.inner_text("main")
    _assert_accessible(page, language)
