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
    assert "The controller is the municipality that organises the supervisor training." in page
    assert "GDPR article 6.1 a" in page
    assert "Name, email address" in page
    assert "The organiser's staff who run the training." in page
    assert "No one else receives your details." in page
    assert "12 months after the session" in page
    assert "only the number of participants per session and company remains" in page
    for right in (
        "Withdraw your consent at any time, as easily as you gave it",
        "Access:",
        "Rectification:",
        "Erasure:",
    ):
        assert right in page
    assert "Integritetsskyddsmyndigheten, IMY" in page and 'href="https://www.imy.se/"' in page


def test_the_retention_period_follows_the_setting(english, settings):
    settings.INSTEG_TRAINING_RETENTION_MONTHS = 1
    page = _notice(english).content.decode()
    assert "1 month after the session" in page


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
