"""The accessibility statement, the feedback form that reaches the administrators, and the session keepalive."""

import time

import lxml.html
import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from insteg.accounts import middleware as session_clock
from insteg.accounts.models import Role
from insteg.accounts.tests.factories import MembershipFactory
from insteg.core import accessibility
from insteg.core.models import AccessibilityFeedback

FEEDBACK = reverse("core:feedback")


@pytest.fixture(autouse=True)
def _empty_cache():
    """The rate limit counts in the cache, which outlives a test's transaction."""
    cache.clear()
    yield
    cache.clear()


def _html(response):
    return lxml.html.fromstring(response.content.decode())


def _text(response) -> str:
    return " ".join(_html(response).text_content().split())


# --- The statement ----------------------------------------------------------------------------------------------


def test_the_statement_has_digg_s_model_headings_in_order(english):
    response = english.get(reverse("core:accessibility"))
    assert response.status_code == 200
    headings = [" ".join(h.text_content().split()) for h in _html(response).xpath("//main//h2")]
    assert headings == [
        "How accessible is the website?",
        "What can you do if you cannot use parts of the website?",
        "Report problems with the website's accessibility",
        "Supervisory authority",
        "Technical information about the website's accessibility",
        "Content that is not accessible",
        "How we tested the website",
    ]


def test_the_statement_names_the_municipality_the_compliance_the_gaps_and_its_dates(english, municipality):
    text = _text(english.get(reverse("core:accessibility")))
    assert f"{municipality.name}" in text
    assert "This website is partially compliant with the Act on accessibility to digital public services" in text
    assert "API documentation." in text
    assert "It fails WCAG 2.1 success criteria 1.3.1, 2.1.1, 4.1.2." in text
    assert f"This statement was last updated on {accessibility.STATEMENT_UPDATED_ON:%Y-%m-%d}." in text
    assert f"The latest assessment was made on {accessibility.LAST_REVIEWED_ON:%Y-%m-%d}." in text


def test_the_statement_links_to_digg_and_the_feedback_form(english):
    links = [a.get("href") for a in _html(english.get(reverse("core:accessibility"))).xpath("//main//a")]
    assert "https://www.digg.se/tdosanmalan" in links
    assert FEEDBACK in links


def test_the_statement_gives_the_contact_the_settings_name(english, settings):
    settings.INSTEG_ACCESSIBILITY_EMAIL = "tillganglighet@ostersund.example"
    settings.INSTEG_ACCESSIBILITY_PHONE = "063-14 30 00"
    page = _html(english.get(reverse("core:accessibility")))
    links = [a.get("href") for a in page.xpath("//main//a")]
    assert "mailto:tillganglighet@ostersund.example" in links
    assert "tel:063-143000" in links
    assert "We normally answer within 5 working days." in " ".join(page.text_content().split())


def test_the_statement_s_dates_are_real_and_not_in_the_future():
    today = timezone.localdate()
    assert today >= accessibility.STATEMENT_UPDATED_ON
    assert today >= accessibility.LAST_REVIEWED_ON
    assert all(gap.criteria for gap in accessibility.KNOWN_GAPS)


# --- Feedback ---------------------------------------------------------------------------------------------------


def test_the_form_is_prefilled_with_the_page_the_person_came_from(client):
    by_parameter = _html(client.get(FEEDBACK, {"sida": "/notices/?q=secret"}))
    assert by_parameter.get_element_by_id("id_page").get("value") == "/notices/"
    by_referer = _html(client.get(FEEDBACK, headers={"referer": "http://testserver/training/sessions/"}))
    assert by_referer.get_element_by_id("id_page").get("value") == "/training/sessions/"


@pytest.mark.parametrize(
    "hostile",
    ["https://evil.example/phish/", "//evil.example/x", "javascript:alert(1)", "/a\nb", "\\\\evil.example"],
)
def test_the_form_is_never_prefilled_with_another_site_s_address(client, hostile):
    page = _html(client.get(FEEDBACK, {"sida": hostile}, headers={"referer": hostile}))
    assert not page.get_element_by_id("id_page").get("value")


def test_feedback_is_saved_and_e_mailed_to_every_active_administrator(english, administrator, procurement_officer):
    second = MembershipFactory(organisation=administrator.organisation, role=Role.ADMINISTRATOR).user
    gone = MembershipFactory(organisation=administrator.organisation, role=Role.ADMINISTRATOR).user
    gone.is_active = False
    gone.save()

    response = english.post(
        FEEDBACK,
        {"page": "/notices/", "problem": "The filter button cannot be reached with Tab.", "email": "eva@example.se"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("core:feedback_received")
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.page, feedback.email, feedback.status) == ("/notices/", "eva@example.se", "new")
    assert sorted(address for message in mail.outbox for address in message.to) == sorted(
        [administrator.email, second.email]
    )
    message = mail.outbox[0]
    assert "The filter button cannot be reached with Tab." in message.body
    assert "/notices/" in message.body
    assert message.reply_to == ["eva@example.se"]
    assert reverse("core:feedback_list") in message.body
    receipt = _text(english.get(response["Location"]))
    assert "Thank you for your report" in receipt


def _assert_refused(response, *messages):
    assert response.status_code == 400
    text = _text(response)
    assert "There is a problem" in text
    for message in messages:
        assert message in text
    assert not AccessibilityFeedback.objects.exists()
    assert mail.outbox == []


def test_an_empty_report_is_refused_with_a_message_and_nothing_is_saved(english, administrator):
    _assert_refused(english.post(FEEDBACK, {"problem": "   "}), "What is the problem?")


def test_an_oversized_report_is_refused(english, administrator):
    response = english.post(FEEDBACK, {"problem": "x" * (AccessibilityFeedback.PROBLEM_MAX_LENGTH + 1)})
    _assert_refused(response, "Ensure this value has at most 5000 characters")


@pytest.mark.parametrize("page", ["https://evil.example/", "javascript:alert(1)", "//evil.example/", "notices"])
def test_a_page_on_another_site_is_refused(english, administrator, page):
    response = english.post(FEEDBACK, {"page": page, "problem": "Hard to read."})
    _assert_refused(response, "Give the address of a page on this site")


def test_a_bad_reply_address_is_refused(english, administrator):
    _assert_refused(english.post(FEEDBACK, {"problem": "Hard to read.", "email": "not an address"}), "e-mail")


def test_markup_in_a_report_is_shown_as_text_never_run(client, administrator):
    client.post(FEEDBACK, {"problem": "<script>alert(1)</script> broken"})
    client.force_login(administrator)
    response = client.get(reverse("core:feedback_list"))
    assert b"<script>alert(1)</script>" not in response.content
    assert "<script>alert(1)</script> broken" in _text(response)


def test_a_bot_filling_the_hidden_box_is_thanked_but_nothing_is_saved_or_sent(client, administrator):
    response = client.post(FEEDBACK, {"problem": "Buy now", "website": "http://spam.example"})
    assert response.status_code == 302
    assert not AccessibilityFeedback.objects.exists()
    assert mail.outbox == []


def test_one_address_may_send_a_few_reports_an_hour_then_gets_a_clear_message(english, administrator, settings):
    settings.INSTEG_FEEDBACK_PER_HOUR = 2
    for number in range(2):
        assert english.post(FEEDBACK, {"problem": f"Problem {number}"}).status_code == 302
    response = english.post(FEEDBACK, {"problem": "Problem 3"})
    assert response.status_code == 429
    assert "You have sent several reports in a short time, so this one was not sent." in _text(response)
    assert AccessibilityFeedback.objects.count() == 2
    other_address = english.post(FEEDBACK, {"problem": "From elsewhere"}, REMOTE_ADDR="192.0.2.7")
    assert other_address.status_code == 302


def test_the_list_is_for_administrators_only(client, procurement_officer, data_protection_officer, supplier):
    url = reverse("core:feedback_list")
    assert client.get(url).status_code == 302
    for person in (procurement_officer, data_protection_officer, supplier):
        client.force_login(person)
        assert client.get(url).status_code == 403


def test_an_administrator_marks_a_report_handled(english, administrator, procurement_officer):
    feedback = AccessibilityFeedback.objects.create(problem="Contrast too low on the report page.")
    english.force_login(procurement_officer)
    assert english.post(reverse("core:feedback_handle", args=[feedback.pk])).status_code == 403
    english.force_login(administrator)
    page = _text(english.get(reverse("core:feedback_list")))
    assert "Contrast too low on the report page." in page
    assert "No address given" in page

    response = english.post(reverse("core:feedback_handle", args=[feedback.pk]), follow=True)

    feedback.refresh_from_db()
    assert (feedback.status, feedback.handled_by) == ("handled", administrator)
    assert "The report is marked as handled." in _text(response)
    assert english.get(reverse("core:feedback_handle", args=[feedback.pk])).status_code == 405


# --- Session keepalive ------------------------------------------------------------------------------------------


def test_keepalive_starts_the_idle_clock_again_and_says_what_is_left(client, procurement_officer, settings):
    client.force_login(procurement_officer)
    session = client.session
    session[session_clock.LAST_SEEN_AT] = time.time() - 20 * 60
    session[session_clock.SIGNED_IN_AT] = time.time() - 2 * 3600
    session.save()

    response = client.post(reverse("accounts:keepalive"))

    assert response.status_code == 200
    left = response.json()
    assert left["signed_in"] is True
    assert settings.INSTEG_SESSION_IDLE_MINUTES * 60 - 5 <= left["idle"] <= settings.INSTEG_SESSION_IDLE_MINUTES * 60
    assert 6 * 3600 - 5 <= left["absolute"] <= 6 * 3600
    assert client.get(reverse("core:home")).context["user"] == procurement_officer


def test_keepalive_cannot_extend_past_the_absolute_limit(client, procurement_officer, settings):
    client.force_login(procurement_officer)
    session = client.session
    session[session_clock.SIGNED_IN_AT] = time.time() - settings.INSTEG_SESSION_HOURS * 3600 + 60
    session.save()
    left = client.post(reverse("accounts:keepalive")).json()
    assert left["idle"] <= 60
    assert left["absolute"] <= 60


def test_keepalive_after_the_session_ended_says_so(client, procurement_officer):
    assert client.post(reverse("accounts:keepalive")).status_code == 401
    client.force_login(procurement_officer)
    session = client.session
    session[session_clock.LAST_SEEN_AT] = time.time() - 31 * 60
    session.save()
    response = client.post(reverse("accounts:keepalive"))
    assert (response.status_code, response.json()) == (401, {"signed_in": False})


def test_signed_in_pages_carry_the_session_clock_and_its_script(client, procurement_officer, settings):
    assert b"js/session.js" not in client.get(reverse("core:home")).content
    client.force_login(procurement_officer)
    page = _html(client.get(reverse("core:home")))
    clock = page.get_element_by_id("session-clock")
    assert int(clock.get("data-idle-seconds")) > settings.INSTEG_SESSION_IDLE_MINUTES * 60 - 5
    assert clock.get("data-keepalive-url") == reverse("accounts:keepalive")
    assert page.xpath("//script[contains(@src, 'js/session.js') and @defer]")
    dialog = page.get_element_by_id("session-idle-warning")
    assert dialog.get("role") == "alertdialog"
    assert page.get_element_by_id(dialog.get("aria-labelledby")).tag == "h2"


# --- Retention of the reply address -----------------------------------------------------------------------------


def test_reply_addresses_are_blanked_a_year_after_the_report_and_the_report_stays():
    import datetime

    from insteg.retention.models import RecordType, RetentionRule
    from insteg.retention.record_types import handler_for
    from insteg.retention.services import ensure_default_rules

    ensure_default_rules()
    rule = RetentionRule.objects.get(record_type=RecordType.ACCESSIBILITY_FEEDBACK)
    assert (rule.months, rule.action, rule.enabled) == (12, "anonymise", False)
    old = AccessibilityFeedback.objects.create(problem="Old report.", email="old@example.se")
    AccessibilityFeedback.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    recent = AccessibilityFeedback.objects.create(problem="New report.", email="new@example.se")
    handler = handler_for(RecordType.ACCESSIBILITY_FEEDBACK)

    assert handler.due_ids(12, timezone.localdate()) == [old.pk]
    assert handler.dispose([old.pk], "anonymise") == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.email, old.problem) == ("", "Old report.")
    assert recent.email == "new@example.se"
    assert handler.due_ids(12, timezone.localdate()) == []


def test_every_page_s_footer_offers_to_report_a_problem_with_that_page(english):
    page = _html(english.get(reverse("notices:list")))
    link = page.xpath("//footer//a[text()='Report an accessibility problem']")[0]
    assert link.get("href") == f"{FEEDBACK}?sida={reverse('notices:list')}"
