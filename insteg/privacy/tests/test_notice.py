"""The public privacy notice for the supervisor-training registration (GDPR art. 13)."""

import pytest
from django.urls import reverse

from insteg.privacy.models import ConsentPurpose, ConsentText


@pytest.fixture
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _notice(client, purpose="training_registration"):
    return client.get(reverse("privacy:notice", args=[purpose]))


def test_anyone_reads_what_is_done_with_the_details_and_on_what_basis(english):
    response = _notice(english)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The controller is The municipality that runs Insteg." in page  # no municipality registered yet
    assert "GDPR article 6.1 a" in page
    assert "Name, email address" in page
    assert "The organiser&#x27;s staff who run the training." in page
    assert "Kept until a disposal decision is recorded." in page  # no rule in force yet (arkivlagen)
    for right in (
        "Withdraw your consent at any time, as easily as you gave it",
        "Access (art. 15):",
        "Rectification (art. 16):",
        "Erasure (art. 17):",
        "Data portability (art. 20):",
    ):
        assert right in page
    assert "Objection (art. 21)" not in page  # consent, not a public task: withdrawing is the way out
    assert "Integritetsskyddsmyndigheten, IMY" in page and 'href="https://www.imy.se/"' in page


def test_the_retention_period_is_the_rule_in_force_and_nothing_is_promised_without_a_decision(english, administrator):
    from insteg.retention import services as retention_services
    from insteg.retention.models import RetentionRule

    retention_services.ensure_default_rules()
    assert "Kept until a disposal decision is recorded." in _notice(english).content.decode()
    rule = RetentionRule.objects.get(record_type="training_registration")
    retention_services.update_rule(
        rule, by=administrator, months=1, action=rule.action, decision_ref="KS 2025/17", enabled=True
    )
    page = _notice(english).content.decode()
    assert "Anonymised 1 month after the training session (decision KS 2025/17)." in page


def test_the_notice_shows_the_current_consent_text_with_its_version_and_date(english):
    first = ConsentText.objects.current(ConsentPurpose.TRAINING_REGISTRATION)
    newer = ConsentText.objects.create(
        purpose=ConsentPurpose.TRAINING_REGISTRATION,
        version=first.version + 1,
        text_sv="Jag samtycker, version två.",
        text_en="I consent, version two.",
    )
    page = _notice(english).content.decode()
    assert f"Version {newer.version}, published {newer.published_at:%-d %B %Y}:" in page
    assert "I consent, version two." in page
    assert first.text_en not in page


def test_the_consent_text_is_in_the_readers_language(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "sv"
    page = _notice(client).content.decode()
    assert ConsentText.objects.current(ConsentPurpose.TRAINING_REGISTRATION).text_sv in page


@pytest.mark.parametrize("purpose", ["marketing", "training-registration", "audit"])
def test_an_unknown_purpose_is_404(client, purpose):
    assert _notice(client, purpose).status_code == 404
