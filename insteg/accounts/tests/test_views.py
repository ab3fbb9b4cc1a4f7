import re

import pytest
from django.urls import reverse

from insteg.accounts.models import ApiToken, Membership, Organisation, Role, User
from insteg.privacy.models import AuditEvent

REGISTRATION = {
    "organisation_name": "Jämtbygg AB",
    "org_number": "5560360793",
    "is_sme": "on",
    "first_name": "Olle",
    "last_name": "Åberg",
    "email": "Olle@Jamtbygg.example",
    "password1": "granskog-vid-storsjön",
    "password2": "granskog-vid-storsjön",
}


def _link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_a_supplier_registers_verifies_the_address_and_signs_in(client, mailoutbox):
    response = client.post(reverse("accounts:register"), REGISTRATION)
    assert response.status_code == 302
    organisation = Organisation.objects.get(org_number="556036-0793")
    assert organisation.is_sme and organisation.kind == Organisation.Kind.SUPPLIER
    assert organisation.verified_at is None
    user = User.objects.get(email="olle@jamtbygg.example")
    assert not user.is_active
    assert (
        client.post(reverse("login"), {"username": user.username, "password": REGISTRATION["password1"]}).status_code
        == 200
    )

    (message,) = mailoutbox
    assert message.to == ["olle@jamtbygg.example"]
    link = _link_in(message)
    # Opening the link (a mail scanner might) does not activate the account; confirming does.
    assert client.get(link).status_code == 200
    user.refresh_from_db()
    assert not user.is_active
    assert client.post(link).status_code == 302
    user.refresh_from_db()
    organisation.refresh_from_db()
    assert user.is_active and organisation.verified_at is not None
    assert user.memberships.get().role == Role.SUPPLIER_CONTACT
    # The link works once.
    assert client.post(link).status_code == 400

    response = client.post(reverse("login"), {"username": user.username, "password": REGISTRATION["password1"]})
    assert response.status_code == 302
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"organisation.registered", "user.email_verified"} <= actions


def test_registration_errors_are_shown_in_swedish_next_to_the_field_and_in_a_summary(swedish):
    response = swedish.post(reverse("accounts:register"), {**REGISTRATION, "org_number": "556036-0794", "email": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert "Det finns ett problem" in html
    assert "Det här fältet är obligatoriskt." in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_org_number_helptext id_org_number_error"' in html
    assert 'href="#id_org_number"' in html
    assert not Organisation.objects.exists() and not User.objects.exists()


def test_registration_errors_are_in_english_when_chosen(english):
    response = english.post(reverse("accounts:register"), {**REGISTRATION, "password2": "something-else-entirely"})
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The two passwords are not the same." in html
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("organisation_name", "x" * 201),
        ("email", "not-an-address"),
        ("password1", "1234567890"),
        ("org_number", "'; DROP TABLE accounts_user; --"),
    ],
)
def test_bad_registration_input_is_refused_without_a_partial_write(client, field, value):
    data = {**REGISTRATION, field: value}
    if field == "password1":
        data["password2"] = value
    response = client.post(reverse("accounts:register"), data)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert not Organisation.objects.exists() and not User.objects.exists()


def test_a_company_cannot_register_twice(english, supplier_org):
    response = english.post(reverse("accounts:register"), {**REGISTRATION, "org_number": supplier_org.org_number})
    assert "already registered" in response.content.decode()
    assert Organisation.objects.count() == 1


def test_an_administrator_invites_staff_who_choose_a_password(client, administrator, municipality, mailoutbox):
    client.force_login(administrator)
    response = client.post(
        reverse("accounts:invite", args=[municipality.pk]),
        {
            "first_name": "Frida",
            "last_name": "Tell",
            "email": "frida@ostersund.example",
            "role": Role.MATCHING_OFFICER,
        },
    )
    assert response.status_code == 302
    frida = User.objects.get(email="frida@ostersund.example")
    assert not frida.is_active and not frida.has_usable_password()
    assert frida.memberships.get().role == Role.MATCHING_OFFICER

    client.logout()
    link = _link_in(mailoutbox[0])
    response = client.post(link, {"new_password1": "norrskenet-i-jämtland", "new_password2": "norrskenet-i-jämtland"})
    assert response.status_code == 302
    frida.refresh_from_db()
    assert frida.is_active
    assert (
        client.post(reverse("login"), {"username": frida.username, "password": "norrskenet-i-jämtland"}).status_code
        == 302
    )
    assert AuditEvent.objects.filter(action="membership.invited", actor=administrator).exists()


def test_a_supplier_can_invite_only_colleagues_as_supplier_contacts(client, supplier, supplier_org, municipality):
    client.force_login(supplier)
    url = reverse("accounts:invite", args=[supplier_org.pk])
    response = client.post(
        url, {"first_name": "P", "last_name": "Q", "email": "p@bygg.example", "role": Role.ADMINISTRATOR}
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="p@bygg.example").exists()
    assert client.get(reverse("accounts:invite", args=[municipality.pk])).status_code == 404


def test_the_last_supplier_contact_cannot_remove_themself(english, supplier, supplier_org):
    client = english
    client.force_login(supplier)
    membership = supplier.memberships.get()
    response = client.post(reverse("accounts:remove_member", args=[supplier_org.pk, membership.pk]), follow=True)
    assert "last person" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_ten_wrong_passwords_lock_the_account_with_a_clear_message(swedish, procurement_officer):
    url = reverse("login")
    for _attempt in range(9):
        response = swedish.post(url, {"username": procurement_officer.username, "password": "wrong"})
        assert response.status_code == 200
    response = swedish.post(url, {"username": procurement_officer.username, "password": "wrong"})
    assert response.status_code == 429
    assert "15" in response.content.decode()
    # Even the right password is refused while the lock lasts.
    response = swedish.post(url, {"username": procurement_officer.username, "password": "correct horse battery staple"})
    assert response.status_code == 429
    assert "_auth_user_id" not in swedish.session


def test_password_reset_sends_a_working_link(client, supplier, mailoutbox):
    client.post(reverse("password_reset"), {"email": supplier.email})
    (message,) = mailoutbox
    link = _link_in(message)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "fjällen-i-oviken-2026", "new_password2": "fjällen-i-oviken-2026"}
    )
    assert response.status_code == 302
    supplier.refresh_from_db()
    assert supplier.check_password("fjällen-i-oviken-2026")


def test_a_person_creates_and_revokes_an_api_token(client, supplier):
    client.force_login(supplier)
    response = client.post(reverse("accounts:tokens"), {"name": "Affärssystemet", "scope": "read_write", "days": "90"})
    html = response.content.decode()
    secret = re.search(r'id="new-token">([^<]+)<', html).group(1)
    assert secret.startswith("insteg_")
    token = ApiToken.objects.get(user=supplier)
    assert token.name == "Affärssystemet" and secret not in token.digest

    api = client.__class__()
    assert api.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    client.post(reverse("accounts:revoke_token", args=[token.digest]))
    assert not ApiToken.objects.exists()
    assert api.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_one_cannot_revoke_someone_elses_token(client, supplier, other_supplier):
    from insteg.accounts.services import create_api_token

    token, _secret = create_api_token(other_supplier, name="Deras")
    client.force_login(supplier)
    assert client.post(reverse("accounts:revoke_token", args=[token.digest])).status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_organisation_list_does_not_grow_queries(client, administrator, django_assert_num_queries):
    from insteg.accounts.tests.factories import MembershipFactory

    MembershipFactory.create_batch(3)
    client.force_login(administrator)
    with django_assert_num_queries(4) as captured:
        client.get(reverse("accounts:organisation_list"))
    MembershipFactory.create_batch(20)
    with django_assert_num_queries(len(captured.captured_queries)):
        response = client.get(reverse("accounts:organisation_list"))
    assert response.content.decode().count("<tr>") == 1 + 24  # the header row and one per organisation
