"""The administrator publishes new versions of a consent text; earlier consent keeps its own version."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from insteg.lib.errors import DomainError
from insteg.privacy.consent_services import publish_consent_text
from insteg.privacy.models import AuditEvent, ConsentPurpose, ConsentText
from insteg.training import services as training
from insteg.training.tests.factories import SessionFactory

PURPOSE = ConsentPurpose.TRAINING_REGISTRATION
URL = reverse("privacy:consent_texts")
NEW_SV = "Jag samtycker till att kommunen behandlar mina uppgifter för handledarutbildningen (version 2)."
NEW_EN = "I consent to the municipality processing my details for the supervisor training (version 2)."


def _post(text_sv=NEW_SV, text_en=NEW_EN, purpose=PURPOSE.value):
    return {"purpose": purpose, f"{purpose}-text_sv": text_sv, f"{purpose}-text_en": text_en}


@pytest.fixture
def admin_client(client, english, administrator):
    client.force_login(administrator)
    return client


def test_an_administrator_sees_every_version_with_the_current_marked(admin_client):
    page = admin_client.get(URL).content.decode()

    current = ConsentText.objects.current(PURPOSE)
    assert current.version == 1
    assert "Supervisor training registration" in page
    assert "(current)" in page
    assert current.text_en in page
    assert "Earlier registrations keep the version they were given under" in page


def test_publishing_makes_version_2_the_current_text(admin_client, administrator, municipality):
    session = SessionFactory(course__organisation=municipality)
    earlier = training.register(
        session, name="Anna Handledare", email="anna@storsjobygg.example", organisation_name="Storsjöbygg AB",
        consent=True,
    )  # fmt: skip

    response = admin_client.post(URL, _post(), follow=True)

    current = ConsentText.objects.current(PURPOSE)
    assert (current.version, current.text_sv, current.text_en) == (2, NEW_SV, NEW_EN)
    assert current.published_by == administrator
    assert "Version 2 of the consent text for “Supervisor training registration” is published." in (
        response.content.decode()
    )
    with translation.override("sv"):
        assert current.text == NEW_SV
    later = training.register(
        session, name="Bo Handledare", email="bo@storsjobygg.example", organisation_name="Storsjöbygg AB",
        consent=True,
    )  # fmt: skip
    earlier.refresh_from_db()
    assert (earlier.consent_text.version, later.consent_text.version) == (1, 2)
    event = AuditEvent.objects.get(action="privacy.consent_text_published")
    assert (event.actor, event.data) == (administrator, {"purpose": PURPOSE.value, "version": 2})


def test_the_page_shows_both_versions_after_publishing(admin_client):
    admin_client.post(URL, _post())

    page = admin_client.get(URL).content.decode()

    assert page.index(NEW_EN) < page.index(ConsentText.objects.get(purpose=PURPOSE, version=1).text_en)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_post(text_sv=""), "This field is required."),
        (_post(text_en="   "), "This field is required."),
        (_post(text_sv="x" * 2001), "Ensure this value has at most 2000 characters"),
        (_post(text_en="Bad\x00text"), "Null characters are not allowed."),
    ],
)
def test_bad_texts_are_refused_and_nothing_is_published(admin_client, data, message):
    response = admin_client.post(URL, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert ConsentText.objects.current(PURPOSE).version == 1


def test_the_same_text_again_is_not_a_new_version(admin_client):
    current = ConsentText.objects.current(PURPOSE)

    response = admin_client.post(URL, _post(text_sv=current.text_sv, text_en=current.text_en))

    assert "The text is the same as the current version." in response.content.decode()
    assert ConsentText.objects.filter(purpose=PURPOSE).count() == 1


def test_an_unknown_purpose_is_refused(admin_client):
    response = admin_client.post(URL, _post(purpose="marketing"), follow=True)

    assert "Choose one of the consent purposes." in response.content.decode()
    assert ConsentText.objects.count() == 1


def test_the_service_refuses_control_characters_and_non_administrators(matching_officer, administrator):
    with pytest.raises(DomainError):
        publish_consent_text(PURPOSE, user=matching_officer, text_sv=NEW_SV, text_en=NEW_EN)
    with pytest.raises(ValidationError, match="control characters"):
        publish_consent_text(PURPOSE, user=administrator, text_sv="Ja\x07", text_en=NEW_EN)

    assert ConsentText.objects.current(PURPOSE).version == 1


def test_versions_count_up_from_the_latest(administrator):
    second = publish_consent_text(PURPOSE, user=administrator, text_sv=NEW_SV, text_en=NEW_EN)
    third = publish_consent_text(PURPOSE, user=administrator, text_sv=NEW_SV + " Ny.", text_en=NEW_EN + " New.")

    assert (second.version, third.version) == (2, 3)
    assert ConsentText.objects.current(PURPOSE) == third


@pytest.mark.parametrize(
    "persona",
    ["procurement_officer", "matching_officer", "supplier", "other_supplier", "employment_officer", "funder"],
    indirect=True,
)
def test_only_administrators_reach_the_consent_texts(client, persona):
    client.force_login(persona)

    assert client.get(URL).status_code == 403
    assert client.post(URL, _post()).status_code == 403
    assert ConsentText.objects.current(PURPOSE).version == 1


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert reverse("login") in response["Location"]
