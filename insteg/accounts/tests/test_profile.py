"""The signed-in person's profile: correcting the name (GDPR art. 16) and changing the address with the password."""

from django.urls import reverse

from insteg.privacy.models import AuditEvent

PASSWORD = "correct horse battery staple"


def test_a_person_corrects_their_name(english, supplier):
    english.force_login(supplier)
    page = english.get(reverse("accounts:profile")).content.decode()
    assert supplier.email in page and reverse("password_change") in page and reverse("accounts:two_factor") in page
    response = english.post(
        reverse("accounts:profile"), {"first_name": "Lars-Åke", "last_name": supplier.last_name}, follow=True
    )
    assert "Your name is saved." in response.content.decode()
    supplier.refresh_from_db()
    assert supplier.first_name == "Lars-Åke"
    event = AuditEvent.objects.get(action="user.profile_updated")
    assert event.actor == supplier and event.data["fields"] == ["first_name"]


def test_a_name_cannot_be_blanked(english, supplier):
    english.force_login(supplier)
    response = english.post(reverse("accounts:profile"), {"first_name": "", "last_name": "Nilsson"})
    assert response.status_code == 200 and 'class="error-summary' in response.content.decode()
    supplier.refresh_from_db()
    assert supplier.first_name


def test_changing_the_email_address_needs_the_password(english, supplier):
    english.force_login(supplier)
    url = reverse("accounts:profile_email")
    response = english.post(url, {"email": "lars@ny.example", "password": "fel"})
    assert response.status_code == 200 and "The password is not right." in response.content.decode()
    supplier.refresh_from_db()
    assert supplier.email != "lars@ny.example"

    response = english.post(url, {"email": "Lars@Ny.example", "password": PASSWORD}, follow=True)
    assert "Your email address is changed." in response.content.decode()
    supplier.refresh_from_db()
    assert supplier.email == "lars@ny.example" and supplier.email_verified_at is None
    assert AuditEvent.objects.filter(action="user.email_changed", actor=supplier).exists()


def test_an_address_another_account_uses_is_refused(english, supplier, other_supplier):
    english.force_login(supplier)
    response = english.post(reverse("accounts:profile_email"), {"email": other_supplier.email, "password": PASSWORD})
    assert "Another account already uses this email address." in response.content.decode()


def test_the_profile_needs_a_signed_in_person_and_the_email_form_a_post(client, supplier):
    assert client.get(reverse("accounts:profile"))["Location"].startswith(reverse("login"))
    client.force_login(supplier)
    assert client.get(reverse("accounts:profile_email")).status_code == 405
