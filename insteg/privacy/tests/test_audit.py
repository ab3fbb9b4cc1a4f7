import pytest
from django.urls import reverse

from insteg.accounts.services import create_api_token
from insteg.privacy import audit
from insteg.privacy.models import AppendOnlyError, AuditEvent


def test_events_cannot_be_changed_or_deleted(supplier):
    event = audit.record("test.happened", actor=supplier, target=supplier, count=3)
    event.action = "test.rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(action="x")
    assert AuditEvent.objects.get().action == "test.happened"


@pytest.mark.parametrize("value", ["has been off sick since Monday", "x" * 65, ["code", "free text here"]])
def test_free_text_about_a_person_is_refused(supplier, value):
    with pytest.raises(ValueError, match="not free text"):
        audit.record("test.happened", actor=supplier, target=supplier, note=value)
    assert not AuditEvent.objects.exists()


def test_events_record_actor_organisation_and_target(supplier):
    create_api_token(supplier, name="Affärssystem")
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.organisation) == ("api_token.created", supplier, supplier.organisation)
    assert event.target_id == str(supplier.pk)


def test_administrator_filters_the_trail_by_action_and_user(client, administrator, supplier, other_supplier):
    create_api_token(supplier, name="A")
    create_api_token(other_supplier, name="B")
    audit.record("organisation.updated", actor=supplier, target=supplier.organisation)
    client.force_login(administrator)
    html = client.get(reverse("privacy:audit_trail"), {"action": "api_token", "actor": "lars"}).content.decode()
    assert html.count("<code>api_token.created</code>") == 1
    assert "organisation.updated" not in html


def test_a_bad_filter_gives_a_message_not_an_error(english, administrator):
    english.force_login(administrator)
    response = english.get(reverse("privacy:audit_trail"), {"date_from": "2026-02-30", "date_to": "2025-01-01"})
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()


def test_htmx_gets_only_the_results(client, administrator):
    client.force_login(administrator)
    html = client.get(reverse("privacy:audit_trail"), HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<section id="results"')


def test_the_trail_runs_a_constant_number_of_queries(client, administrator, supplier, django_assert_num_queries):
    client.force_login(administrator)
    create_api_token(supplier, name="first")
    with django_assert_num_queries(5):  # session, user, memberships, count, page
        client.get(reverse("privacy:audit_trail"))
    for n in range(30):
        create_api_token(supplier, name=f"token {n}")
    with django_assert_num_queries(5):
        client.get(reverse("privacy:audit_trail"))
