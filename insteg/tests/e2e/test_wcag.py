"""WCAG beyond axe, in a real browser: warning before the session ends (2.2.1), visible focus (2.4.7), errors tied
to their fields (3.3.1), htmx updates announced (4.1.3), and the accessibility statement's feedback form."""

import re
import time
from importlib import import_module

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from insteg.accounts import middleware as session_clock
from insteg.core.models import AccessibilityFeedback
from insteg.tests.e2e.test_pages_a11y import _assert_accessible, _sign_in


def _server_session(page):
    """The server's session for the browser's cookie: the tests move its clocks as time passing would."""
    cookie = next(c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=cookie["value"])


def _age_session(page, *, idle_seconds: int = 0, signed_in_seconds: int = 0) -> None:
    session = _server_session(page)
    now = time.time()
    if idle_seconds:
        session[session_clock.LAST_SEEN_AT] = now - idle_seconds
    if signed_in_seconds:
        session[session_clock.SIGNED_IN_AT] = now - signed_in_seconds
    session.save()


def _signed_in(page) -> bool:
    return page.locator("form[action='/logout/'] button, form[action$='logout/'] button").count() > 0


# --- 2.2.1 Timing adjustable ------------------------------------------------------------------------------------


def test_the_idle_warning_is_announced_and_continue_keeps_the_session(live_server, page, procurement_officer):
    base = live_server.url
    page.clock.install()
    _sign_in(page, base, procurement_officer, "en")
    page.goto(base + reverse("procurement:list"))
    warning = page.get_by_role("alertdialog", name="Do you want to stay signed in?")
    expect(warning).to_be_hidden()

    # 28 minutes without a request, in the browser and on the server.
    _age_session(page, idle_seconds=28 * 60)
    page.clock.fast_forward("28:00")

    expect(warning).to_be_visible()
    expect(warning).to_have_accessible_description(re.compile(r"you will be signed out at \d\d:\d\d"))
    assert page.evaluate("document.activeElement.closest('dialog')?.id") == "session-idle-warning"
    expect(page.get_by_role("button", name="Continue")).to_be_focused()
    _assert_accessible(page, "en")

    page.get_by_role("button", name="Continue").click()

    expect(warning).to_be_hidden()
    session = _server_session(page)
    assert time.time() - session[session_clock.LAST_SEEN_AT] < 30
    # Three more minutes: without Continue the server would have ended the session (31 minutes idle).
    page.clock.fast_forward("03:00")
    expect(warning).to_be_hidden()
    page.reload()
    assert page.url == base + reverse("procurement:list")
    assert _signed_in(page)


def test_without_continue_the_page_says_the_session_has_ended(live_server, page, procurement_officer):
    base = live_server.url
    page.clock.install()
    _sign_in(page, base, procurement_officer, "en")
    _age_session(page, idle_seconds=31 * 60)
    page.clock.fast_forward("31:00")

    ended = page.get_by_role("alertdialog", name="You have been signed out")
    expect(ended).to_be_visible()
    expect(page.get_by_role("link", name="Sign in again")).to_be_focused()
    page.get_by_role("link", name="Sign in again").click()
    expect(page.locator("#id_username")).to_be_visible()


def test_the_absolute_limit_is_announced_and_cannot_be_extended(live_server, page, procurement_officer):
    base = live_server.url
    page.clock.install()
    _sign_in(page, base, procurement_officer, "en")
    _age_session(page, signed_in_seconds=settings.INSTEG_SESSION_HOURS * 3600 - 9 * 60)
    page.goto(base + reverse("core:home"))
    page.clock.fast_forward("00:10")

    warning = page.get_by_role("alertdialog", name="Save your work: your session ends soon")
    expect(warning).to_be_visible()
    expect(warning).to_have_accessible_description(re.compile("this cannot be extended"))
    assert warning.get_by_role("button", name="Continue").count() == 0
    page.get_by_role("button", name="I will save my work").click()
    expect(warning).to_be_hidden()


def test_the_warning_is_accessible_on_a_swedish_page(live_server, page, procurement_officer):
    page.clock.install()
    _sign_in(page, live_server.url, procurement_officer, "sv")
    page.clock.fast_forward("28:30")
    expect(page.locator("#session-idle-warning")).to_be_visible()
    _assert_accessible(page, "sv")


# --- 2.4.7 Focus visible ----------------------------------------------------------------------------------------

FOCUS_STYLE = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {tag: element.tagName, text: (element.textContent || element.name || '').trim().slice(0, 40),
          outline: style.outlineStyle, width: parseFloat(style.outlineWidth), shadow: style.boxShadow};
}"""


@pytest.mark.parametrize("route", ["core:feedback", "notices:list"])
def test_every_element_tabbed_to_shows_a_focus_outline(live_server, page, route):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(live_server.url + reverse(route))
    seen = 0
    for _ in range(25):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus["tag"] == "BODY":
            break
        seen += 1
        assert focus["outline"] == "solid" and focus["width"] >= 2, focus
        assert focus["shadow"] != "none", focus
    assert seen >= 8


# --- 3.3.1 Error identification -----------------------------------------------------------------------------------


def test_an_error_is_announced_tied_to_its_field_and_the_summary_leads_there(live_server, page, administrator):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(live_server.url + reverse("core:feedback") + "?sida=/notices/")
    expect(page.get_by_label("The page concerned (optional)")).to_have_value("/notices/")
    page.get_by_role("button", name="Send the report").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    problem = page.get_by_label("What is the problem?")
    expect(problem).to_have_attribute("aria-invalid", "true")
    expect(problem).to_have_accessible_description(re.compile("Error: This field is required"))
    _assert_accessible(page, "en")

    summary.get_by_role("link").first.click()
    expect(problem).to_be_focused()
    assert not AccessibilityFeedback.objects.exists()

    problem.fill("The notices table is cut off at 320 pixels.")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your report")
    _assert_accessible(page, "en")
    assert mail.outbox[0].to == [administrator.email]
    assert "cut off at 320 pixels" in mail.outbox[0].body


def test_the_statement_feedback_and_the_administrators_list_are_accessible(live_server, page, administrator):
    AccessibilityFeedback.objects.create(page="/notices/", problem="Low contrast.", email="eva@example.se")
    for language in ("sv", "en"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        for route in ("core:accessibility", "core:feedback", "core:feedback_received"):
            page.goto(live_server.url + reverse(route))
            _assert_accessible(page, language)
    _sign_in(page, live_server.url, administrator, "en")
    page.goto(live_server.url + reverse("core:feedback_list"))
    _assert_accessible(page, "en")
    page.get_by_role("button", name=re.compile("Mark as handled")).click()
    expect(page.get_by_role("status").first).to_contain_text("The report is marked as handled.")
    _assert_accessible(page, "en")


# --- 4.1.3 Status messages --------------------------------------------------------------------------------------


def test_filtering_the_notices_is_announced(live_server, page):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(live_server.url + reverse("notices:list"))
    status = page.locator("#htmx-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text("")
    page.get_by_label("Search title or reference").fill("städ")
    page.get_by_role("button", name="Search").click()
    expect(status).to_have_text(re.compile(r"^The results have been updated\. 0 notices$"))


def test_filtering_the_procurements_is_announced(live_server, page, procurement_officer):
    _sign_in(page, live_server.url, procurement_officer, "en")
    page.goto(live_server.url + reverse("procurement:list"))
    page.get_by_label("Search").fill("skola")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#htmx-status")).to_have_text("The results have been updated.")
