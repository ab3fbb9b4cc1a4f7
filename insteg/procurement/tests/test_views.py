"""The officer's pages: create, choose, decide, publish; and what others may see."""

import pytest
from django.urls import reverse

from insteg.procurement.models import Procurement, SocialRequirement
from insteg.procurement.tests.factories import CriterionFactory, ProcurementFactory, SocialRequirementFactory

FORM = {
    "reference": "KS 2026/0200",
    "title": "Renovering av Palmcrantzskolan",
    "description": "Omklädningsrum, verkstäder och förråd.",
    "contract_type": "works",
    "cpv_main": "45454100-5",
    "cpv_additional": "45421000-4, 45430000-0",
    "estimated_value_sek": "12 500 000",
    "duration_months": "10",
    "procedure": "below_threshold",
    "electronic_submission": "on",
    "notice_sent": "2026-03-02",
    "tender_deadline": "2026-04-01",
}


def test_the_officer_creates_a_procurement_with_values_written_as_people_write_them(client, procurement_officer):
    client.force_login(procurement_officer)
    response = client.post(reverse("procurement:create"), FORM)

    procurement = Procurement.objects.get()
    assert response.status_code == 302
    assert response.url == procurement.get_absolute_url()
    assert procurement.estimated_value_sek == 12_500_000
    assert procurement.cpv_additional == ["45421000-4", "45430000-0"]
    assert procurement.regime == "below_threshold"
    assert procurement.officer == procurement_officer


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("cpv_main", "4545410-5", "eight digits"),
        ("cpv_additional", "45421000-4, banana", "Not CPV codes"),
        ("estimated_value_sek", "-5", "greater than or equal to 1"),
        ("estimated_value_sek", "99999999999999999", "less than or equal to"),
        ("duration_months", "0", "greater than or equal to 1"),
        ("tender_deadline", "2026-02-30", "valid date"),
        ("tender_deadline", "2026-02-27", "after the day the notice is sent"),
        ("notice_sent", "20226-03-02", "valid date"),
        ("reference", "", "required"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(english, procurement_officer, field, value, error):
    english.force_login(procurement_officer)
    response = english.post(reverse("procurement:create"), {**FORM, field: value})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Procurement.objects.exists()


def test_accelerated_needs_a_justification(english, procurement_officer):
    english.force_login(procurement_officer)
    response = english.post(reverse("procurement:create"), {**FORM, "accelerated": "on"})
    assert "Say why the procedure must be accelerated." in response.content.decode()
    assert not Procurement.objects.exists()


def test_the_form_speaks_swedish_by_default(swedish, procurement_officer):
    swedish.force_login(procurement_officer)
    response = swedish.post(reverse("procurement:create"), {**FORM, "cpv_main": "nonsense"})
    assert "åtta siffror" in response.content.decode()


def test_a_supplier_may_not_open_the_create_page(client, supplier):
    client.force_login(supplier)
    assert client.get(reverse("procurement:create")).status_code == 403


def test_suppliers_see_published_procurements_but_not_drafts(client, draft, supplier, municipality):
    published = ProcurementFactory(organisation=municipality, status="published", reference="KS 2026/0300")
    client.force_login(supplier)
    page = client.get(reverse("procurement:list")).content.decode()
    assert published.title in page
    assert draft.title not in page
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(published.get_absolute_url()).status_code == 200


def test_choose_decide_and_publish_from_the_pages(client, draft, procurement_officer, numeric_criterion):
    client.force_login(procurement_officer)
    library = client.get(reverse("procurement:requirement_add", args=[draft.pk]))
    assert numeric_criterion.title_sv in library.content.decode()

    response = client.post(
        reverse("procurement:requirement_add", args=[draft.pk]), {"criterion": numeric_criterion.code}
    )
    requirement = SocialRequirement.objects.get()
    assert response.url == reverse("procurement:requirement", args=[draft.pk, requirement.pk])

    page = client.get(response.url).content.decode()
    assert "Trafikverket" in page  # the suggestion names its rule of thumb

    response = client.post(
        response.url,
        {
            "preset": requirement.preset.pk,
            "slots_decided": "2",
            "rationale": "Två platser följer Trafikverkets tumregel för tjänster.",
            "target_groups": ["long_term_unemployed", "newly_arrived"],
            "alternatives": ["a", "c"],
            "months_fulltime": "24",
            "first_start_within_months": "6",
            "early_end_threshold_percent": "75",
            "reporting_frequency": "monthly",
            "clause_text": requirement.clause_text,
        },
    )
    assert response.status_code == 302
    requirement.refresh_from_db()
    assert requirement.is_decided

    response = client.post(reverse("procurement:publish", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"


def test_deciding_without_a_rationale_shows_the_error(english, draft, procurement_officer):
    requirement = SocialRequirementFactory(procurement=draft, rationale="")
    english.force_login(procurement_officer)
    response = english.post(
        reverse("procurement:requirement", args=[draft.pk, requirement.pk]),
        {"slots_decided": "2", "target_groups": ["long_term_unemployed"], "alternatives": ["a"]},
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    requirement.refresh_from_db()
    assert requirement.rationale == ""


def test_publishing_an_unlawful_deadline_is_refused_with_the_reason(english, draft, procurement_officer):
    SocialRequirementFactory(procurement=draft)
    Procurement.objects.filter(pk=draft.pk).update(tender_deadline="2026-03-20", question_deadline="2026-03-10")
    english.force_login(procurement_officer)
    response = english.post(reverse("procurement:publish", args=[draft.pk]))
    assert response.status_code == 400
    assert "2026-04-01" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_criteria_filter_returns_only_the_results_for_htmx(client, draft, procurement_officer):
    CriterionFactory(title_sv="Rättvisemärkt kaffe", theme="fair_trade", suits_goods=True)
    client.force_login(procurement_officer)
    response = client.get(
        reverse("procurement:requirement_add", args=[draft.pk]), {"q": "kaffe"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "Rättvisemärkt kaffe" in body
    assert "<html" not in body


def test_the_list_runs_a_constant_number_of_queries(
    client, procurement_officer, municipality, django_assert_num_queries
):
    client.force_login(procurement_officer)
    ProcurementFactory.create_batch(2, organisation=municipality)
    client.get(reverse("procurement:list"))  # warm the session and the user's memberships
    with django_assert_num_queries(5) as few:
        client.get(reverse("procurement:list"))
    ProcurementFactory.create_batch(10, organisation=municipality)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse("procurement:list"))
    assert response.content.decode().count("KS 2026/") >= 12


def test_status_changes_from_the_page(client, draft, procurement_officer):
    client.force_login(procurement_officer)
    client.post(reverse("procurement:change_status", args=[draft.pk]), {"status": "cancelled"})
    draft.refresh_from_db()
    assert draft.status == "cancelled"
    response = client.post(reverse("procurement:change_status", args=[draft.pk]), {"status": "published"}, follow=True)
    assert "message--error" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "cancelled"
