"""The criteria library's pages: reading and filtering for everyone signed in, editing for administrators."""

import pytest
from django.urls import reverse
from django.utils import translation

from insteg.privacy.models import AuditEvent
from insteg.procurement.criteria_data import load_criteria
from insteg.procurement.models import (
    CLAUSE_PLACEHOLDERS,
    Criterion,
    LegalInstrument,
    Level,
    RequirementKind,
    SocialObjective,
    Theme,
)
from insteg.procurement.tests.factories import CriterionFactory

pytestmark = pytest.mark.django_db

LIST = reverse("procurement:criterion_list")
CREATE = reverse("procurement:criterion_create")
# Session, user, memberships, count and page: the same however many criteria there are.
QUERIES_FOR_LIST_PAGE = 5


def _edit_url(code):
    return reverse("procurement:criterion_edit", args=[code])


def _detail_url(code):
    return reverse("procurement:criterion", args=[code])


def _form_data(**overrides):
    data = {
        "code": "summer-jobs",
        "title_sv": "Sommarjobb för ungdomar",
        "title_en": "Summer jobs for young people",
        "theme": Theme.EMPLOYMENT,
        "level": Level.BASIC,
        "legal_instrument": LegalInstrument.PERFORMANCE_CONDITION,
        "requirement_kind": RequirementKind.EMPLOYMENT_NUMERIC,
        "lou_reference": "17 kap. 1 § LOU",
        "uhm_criterion_id": "",
        "social_objective": SocialObjective.OPPORTUNITIES,
        "sustainability_goal": "social.disadvantagedEmploymentOpportunities",
        "text_sv": "Leverantören ger {slots} sommarjobb till {target_groups}.\r\n\r\nRapport {bonus_terms}.",
        "guidance_sv": "Passar fastighetsskötsel.",
        "guidance_en": "Suits property maintenance.",
        "verification_sv": "Leverantören rapporterar antal.",
        "verification_en": "The supplier reports numbers.",
        "suits_services": "on",
        "is_active": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _edit_data(criterion, **overrides):
    data = _form_data(
        **{
            name: getattr(criterion, name)
            for name in [
                "title_sv",
                "title_en",
                "theme",
                "level",
                "legal_instrument",
                "requirement_kind",
                "lou_reference",
                "uhm_criterion_id",
                "social_objective",
                "sustainability_goal",
                "text_sv",
                "guidance_sv",
                "guidance_en",
                "verification_sv",
                "verification_en",
            ]
        }
    )
    for contract_type in ("goods", "services", "works", "social_services"):
        data.pop(f"suits_{contract_type}", None)
        if getattr(criterion, f"suits_{contract_type}"):
            data[f"suits_{contract_type}"] = "on"
    data.pop("code")
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def library():
    load_criteria()


# --- The list ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona_name", ["procurement_officer", "supplier", "funder", "employment_officer"])
def test_every_signed_in_person_can_read_the_library(request, client, library, persona_name):
    client.force_login(request.getfixturevalue(persona_name))
    response = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Numeric employment requirement" in html
    assert "Fairly traded coffee, tea and cocoa" in html
    assert "New criterion" not in html


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_officer_filters_by_theme_level_instrument_and_contract_type(client, procurement_officer, library):
    client.force_login(procurement_officer)
    employment = client.get(LIST, {"theme": Theme.EMPLOYMENT, "level": Level.ADVANCED}).context["page"]
    assert {c.code for c in employment} == {"employment-numeric", "employment-internships"}
    specifications = client.get(LIST, {"legal_instrument": LegalInstrument.TECHNICAL_SPECIFICATION}).context["page"]
    assert {c.legal_instrument for c in specifications} == {LegalInstrument.TECHNICAL_SPECIFICATION}
    assert len(specifications) == 4
    works = {c.code for c in client.get(LIST, {"contract_type": "works"}).context["page"]}
    assert "workers-staff-ledger-id06" in works and "fair-trade-coffee-tea-cocoa" not in works


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kaffe", {"fair-trade-coffee-tea-cocoa"}),  # Swedish title
        ("Bananas", {"fair-trade-bananas-tropical-fruit"}),  # English title, any case
        ("id06", {"workers-staff-ledger-id06"}),  # code
        ("employment numeric", {"employment-numeric"}),  # every word must match
        ("ingenting-sådant", set()),
    ],
)
def test_the_officer_searches_titles_and_codes(client, procurement_officer, library, query, expected):
    client.force_login(procurement_officer)
    assert {c.code for c in client.get(LIST, {"q": query}).context["page"]} == expected


def test_an_unknown_filter_value_is_explained_and_the_other_filters_still_apply(client, procurement_officer, library):
    client.force_login(procurement_officer)
    response = client.get(LIST, {"theme": "astrology", "level": Level.CUTTING_EDGE}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert {c.level for c in response.context["page"]} == {Level.CUTTING_EDGE}


def test_criteria_out_of_use_are_hidden_and_only_an_administrator_may_ask_for_them(
    client, procurement_officer, administrator
):
    CriterionFactory(code="retired-criterion", title_en="Retired criterion", is_active=False)
    client.force_login(procurement_officer)
    asked = client.get(LIST, {"include_inactive": "on"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Retired criterion" not in asked.content.decode()
    client.force_login(administrator)
    assert "Retired criterion" not in client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    html = client.get(LIST, {"include_inactive": "on"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Retired criterion" in html and "New criterion" in html


def test_htmx_gets_only_the_results(client, procurement_officer, library):
    client.force_login(procurement_officer)
    response = client.get(LIST, {"theme": Theme.FAIR_TRADE}, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "<h1>" not in html and "Fairly traded coffee" in html and "Numeric employment" not in html


def test_the_filter_form_works_without_javascript(client, procurement_officer, library):
    client.force_login(procurement_officer)
    html = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'action="{LIST}"' in html and 'method="get"' in html


@pytest.mark.parametrize("count", [5, 40])
def test_the_list_takes_the_same_number_of_queries_however_many_criteria(
    client, procurement_officer, django_assert_num_queries, count
):
    Criterion.objects.all().delete()
    CriterionFactory.create_batch(count)
    client.force_login(procurement_officer)
    with django_assert_num_queries(QUERIES_FOR_LIST_PAGE):
        response = client.get(LIST)
    assert response.context["page"].paginator.count == count


# --- The detail page ---------------------------------------------------------------------------------------------


def test_the_detail_shows_the_clause_with_named_placeholders_and_everything_else(client, supplier, library):
    client.force_login(supplier)
    response = client.get(_detail_url("employment-numeric"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("sv"):  # the clause is Swedish, so its placeholders are named in Swedish
        assert f"<mark>[{CLAUSE_PLACEHOLDERS['slots']}]</mark>" in html
    assert "{slots}" in html  # the list of values filled in per procurement names the placeholder
    assert "11554" in html and "17 kap. 1 § LOU" in html
    assert "The advanced level of the national model" in html  # guidance in the page's language
    assert "The supplier sends reports" in html  # verification
    assert "Services, Works, Social and other specific services" in html
    assert "Version history" in html and "Added to the library" in html
    assert "Edit criterion" not in html


def test_an_unknown_code_is_a_404(client, procurement_officer):
    client.force_login(procurement_officer)
    assert client.get(_detail_url("no-such-criterion")).status_code == 404


def test_the_clause_text_is_escaped(client, procurement_officer):
    CriterionFactory(code="escaped", text_sv="<script>alert(1)</script> {slots}")
    client.force_login(procurement_officer)
    html = client.get(_detail_url("escaped")).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


# --- Creating and editing ------------------------------------------------------------------------------------------


def test_an_administrator_adds_a_criterion_which_is_versioned_and_audited(client, administrator):
    client.force_login(administrator)
    response = client.post(CREATE, _form_data(code="Summer-Jobs"))
    assert response.status_code == 302 and response["Location"] == _detail_url("summer-jobs")
    criterion = Criterion.objects.get(code="summer-jobs")
    assert criterion.text_sv == "Leverantören ger {slots} sommarjobb till {target_groups}.\n\nRapport {bonus_terms}."
    assert criterion.suited_contract_types == ["services"]
    [version] = criterion.history.all()
    assert version.history_user == administrator and version.history_type == "+"
    event = AuditEvent.objects.get(action="criterion.created")
    assert (event.actor, event.target_id, event.data) == (administrator, str(criterion.pk), {"code": "summer-jobs"})


def test_an_administrators_change_makes_a_new_version_with_what_changed(client, administrator, library):
    client.force_login(administrator)
    criterion = Criterion.objects.get(code="employment-dialogue")
    versions_before = criterion.history.count()
    data = _edit_data(criterion, title_en="Dialogue on jobs", level=Level.ADVANCED, code="hijacked-code")
    response = client.post(_edit_url("employment-dialogue"), data)
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.code == "employment-dialogue"
    assert (criterion.title_en, criterion.level) == ("Dialogue on jobs", "avancerad")
    assert criterion.history.count() == versions_before + 1
    assert criterion.history.first().history_user == administrator
    event = AuditEvent.objects.get(action="criterion.changed")
    assert event.data == {"code": "employment-dialogue", "fields": ["title_en", "level"]}
    html = client.get(_detail_url("employment-dialogue"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Title in English" in html and "Dialogue on jobs" in html
    assert "Dialogue requirement on internships and employment" in html  # the old value, under "Before"
    assert administrator.name in html


def test_saving_without_changes_makes_no_version_and_no_audit_event(client, administrator, library):
    client.force_login(administrator)
    criterion = Criterion.objects.get(code="employment-numeric")
    versions_before = criterion.history.count()
    response = client.post(
        _edit_url("employment-numeric"), _edit_data(criterion), follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "Nothing was changed" in response.content.decode()
    assert criterion.history.count() == versions_before
    assert not AuditEvent.objects.filter(action="criterion.changed").exists()


def test_the_first_change_of_a_criterion_without_history_keeps_the_original_as_version_one(client, administrator):
    Criterion.objects.bulk_create([CriterionFactory.build(code="bulk-made", title_en="Original title")])
    criterion = Criterion.objects.get(code="bulk-made")
    assert criterion.history.count() == 0
    client.force_login(administrator)
    client.post(_edit_url("bulk-made"), _edit_data(criterion, title_en="New title"))
    oldest, newest = criterion.history.order_by("history_date", "history_id")
    assert (oldest.title_en, oldest.history_user) == ("Original title", None)
    assert (newest.title_en, newest.history_user) == ("New title", administrator)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"text_sv": "Leverantören tar emot {antal} praktikanter."}, "Unknown placeholders: antal"),
        ({"text_sv": "Leverantören tar emot {slots praktikanter."}, "Braces must come in pairs"),
        ({"text_sv": "Leverantören tar emot slots} praktikanter."}, "Braces must come in pairs"),
        ({"text_sv": "Leverantören tar emot {} praktikanter."}, "as a name in braces and nothing else"),
        ({"text_sv": "Leverantören tar emot {slots!r} praktikanter."}, "as a name in braces and nothing else"),
        ({"suits_services": None}, "Choose at least one contract type"),
        ({"code": "employment-numeric"}, "A criterion with this code already exists"),
        ({"code": "inte en kod"}, "slug"),
        ({"title_sv": ""}, "This field is required"),
        ({"theme": "astrology"}, "Select a valid choice"),
        ({"sustainability_goal": "gender equality"}, "OCDS sustainability goal code"),
        ({"uhm_criterion_id": "11554a"}, "digits only"),
        ({"guidance_en": "x" * 10_001}, "at most 10000 characters"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client, administrator, library, overrides, message):
    client.force_login(administrator)
    count = Criterion.objects.count()
    response = client.post(CREATE, _form_data(**overrides), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "There is a problem" in html
    assert Criterion.objects.count() == count
    assert not AuditEvent.objects.filter(action__startswith="criterion.").exists()


def test_a_bad_edit_saves_nothing(client, administrator, library):
    client.force_login(administrator)
    criterion = Criterion.objects.get(code="employment-numeric")
    versions_before = criterion.history.count()
    data = _edit_data(criterion, title_en="Changed", text_sv="{slots} {okänd}")
    response = client.post(_edit_url("employment-numeric"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and "Unknown placeholders" in response.content.decode()
    criterion.refresh_from_db()
    assert criterion.title_en == "Numeric employment requirement"
    assert criterion.history.count() == versions_before


@pytest.mark.parametrize("persona_name", ["procurement_officer", "matching_officer", "supplier", "funder"])
def test_only_administrators_may_create_or_edit(request, client, library, persona_name):
    client.force_login(request.getfixturevalue(persona_name))
    criterion = Criterion.objects.get(code="employment-numeric")
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, _form_data()).status_code == 403
    assert client.get(_edit_url("employment-numeric")).status_code == 403
    assert client.post(_edit_url("employment-numeric"), _edit_data(criterion, title_en="Mine")).status_code == 403
    assert not Criterion.objects.filter(code="summer-jobs").exists()
    assert Criterion.objects.get(code="employment-numeric").title_en == "Numeric employment requirement"


def test_the_administrator_sees_the_edit_link_and_the_form(client, administrator, library):
    client.force_login(administrator)
    assert "Edit criterion" in client.get(_detail_url("employment-numeric"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    html = client.get(_edit_url("employment-numeric"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="code"' not in html and "{target_group_share_percent}" in html
    assert client.get(CREATE).status_code == 200
