from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from insteg.privacy.models import AuditEvent
from insteg.rules.models import ExchangeRate, ProcurementPolicy, ProportionalityPreset, Threshold, TimeLimit

CALCULATOR = "rules:deadline_calculator"


def _threshold():
    return Threshold.objects.get(
        kind="eu_threshold", buyer_category="sub_central", contract_type="services", valid_from=date(2026, 1, 1)
    )


# --- The public time-limit calculator -----------------------------------------------------------------


def test_the_calculator_is_public_and_shows_every_input(client):
    response = client.get(reverse(CALCULATOR))
    assert response.status_code == 200
    html = response.content.decode()
    for name in (
        "procedure",
        "electronic_submission",
        "prior_information_notice",
        "accelerated",
        "notice_sent",
        "tender_deadline",
        "award_notice_sent",
        "award_notice_electronic",
    ):
        assert f'name="{name}"' in html
    assert 'type="date"' in html
    assert 'id="id_electronic_submission" checked' in html  # electronic submission is the usual case


def test_the_calculator_shows_the_dates_rules_and_sources_without_javascript(english):
    response = english.get(
        reverse(CALCULATOR),
        {
            "procedure": "open",
            "electronic_submission": "on",
            "notice_sent": "2026-03-05",
            "tender_deadline": "2026-04-06",
            "award_notice_sent": "2026-06-09",
            "award_notice_electronic": "on",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>" in html
    assert '<time datetime="2026-04-07">Tuesday 7 April 2026</time>' in html
    assert '<time datetime="2026-06-22">Monday 22 June 2026</time>' in html
    assert '<time datetime="2026-06-23">Tuesday 23 June 2026</time>' in html
    assert "11 kap. 6 § LOU" in html
    assert "Regulation (EEC, Euratom) No 1182/71" in html
    assert "earlier than the legal minimum" in html


def test_with_htmx_only_the_results_are_sent(english):
    response = english.get(
        reverse(CALCULATOR), {"procedure": "open", "notice_sent": "2026-05-20"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<h1>" not in html and "<form" not in html
    # An unticked box in a submitted form is "no": 35 days without electronic submission.
    assert '<time datetime="2026-06-24">' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"notice_sent": "2026-02-30"}, "Enter a valid date."),
        ({"notice_sent": "20226-01-01"}, "Enter a valid date."),
        ({"notice_sent": "1999-12-31"}, "Enter a date between the years 2000 and 2100."),
        ({"notice_sent": "2026-03-05", "tender_deadline": "2026-03-01"}, "must come after the day the notice"),
        ({"procedure": "lottery"}, "Select a valid choice."),
    ],
)
def test_bad_input_gives_form_errors_never_a_server_error(english, params, message):
    response = english.get(reverse(CALCULATOR), {"procedure": "open", **params})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "There is a problem" in html
    partial = english.get(reverse(CALCULATOR), {"procedure": "open", **params}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    assert message in partial.content.decode()


def test_procedures_without_a_minimum_say_so(english):
    response = english.get(reverse(CALCULATOR), {"procedure": "direct_award", "notice_sent": "2026-03-02"})
    assert "The law sets no minimum tender period for this procedure." in response.content.decode()


# --- The rules overview -------------------------------------------------------------------------------

OVERVIEW_ACCESS = {
    "anonymous": 302,
    "procurement_officer": 200,
    "administrator": 200,
    "matching_officer": 403,
    "supplier": 403,
    "other_supplier": 403,
    "employment_officer": 403,
    "funder": 403,
}


@pytest.mark.parametrize("persona", OVERVIEW_ACCESS, indirect=True)
def test_who_may_read_the_rules(client, persona, request):
    if persona:
        client.force_login(persona)
    response = client.get(reverse("rules:overview"))
    assert response.status_code == OVERVIEW_ACCESS[request.node.callspec.params["persona"]]


def test_the_overview_shows_sources_and_marks_unverified_rules(english, procurement_officer):
    english.force_login(procurement_officer)
    html = english.get(reverse("rules:overview")).content.decode()
    assert "2\xa0389\xa0585\xa0kr" in html
    assert "EUR\xa0216\xa0000" in html
    assert "Kommissionens delegerade förordning (EU) 2025/2152" in html
    assert "<strong>Unverified: check with a lawyer</strong>" in html
    assert "have no official SEK value yet" in html
    assert "open-electronic-30" in html
    assert "Trafikverket&#x27;s model" in html
    assert "No policy is set yet" in html
    assert reverse("rules:threshold_edit", args=[_threshold().pk]) not in html  # officers read only


def test_administrators_get_edit_links(english, administrator):
    english.force_login(administrator)
    html = english.get(reverse("rules:overview")).content.decode()
    assert reverse("rules:threshold_edit", args=[_threshold().pk]) in html
    assert reverse("rules:time_limit_edit", args=[TimeLimit.objects.get(code="open-35").pk]) in html
    assert reverse("rules:preset_edit", args=[ProportionalityPreset.objects.get(code="trafikverket").pk]) in html
    assert reverse("rules:threshold_create") in html
    assert reverse("rules:exchange_rate_create") in html
    assert reverse("rules:policy_edit") in html


def test_the_overview_uses_the_same_number_of_queries_however_many_rules(
    client, administrator, django_assert_num_queries
):
    client.force_login(administrator)
    # Session, user, memberships, then one query per table: thresholds, rates, time limits, presets, policy.
    with django_assert_num_queries(8):
        client.get(reverse("rules:overview"))
    for year in range(2030, 2040):
        Threshold.objects.create(
            kind="eu_threshold",
            buyer_category="central",
            contract_type="works",
            valid_from=date(year, 1, 1),
            amount_eur=5_000_000,
            source="Test",
        )
        ExchangeRate.objects.create(valid_from=date(year, 1, 1), sek_per_eur=11, source="Test")
    with django_assert_num_queries(8):
        client.get(reverse("rules:overview"))


# --- Editing rules ------------------------------------------------------------------------------------


def _edit_urls():
    return {
        "threshold_create": reverse("rules:threshold_create"),
        "threshold_edit": reverse("rules:threshold_edit", args=[_threshold().pk]),
        "time_limit_edit": reverse("rules:time_limit_edit", args=[TimeLimit.objects.get(code="open-35").pk]),
        "preset_edit": reverse("rules:preset_edit", args=[ProportionalityPreset.objects.get(code="trafikverket").pk]),
        "exchange_rate_create": reverse("rules:exchange_rate_create"),
        "policy_edit": reverse("rules:policy_edit"),
    }


EDIT_ACCESS = {**dict.fromkeys(OVERVIEW_ACCESS, 403), "anonymous": 302, "administrator": 200}


@pytest.mark.parametrize("persona", EDIT_ACCESS, indirect=True)
def test_only_administrators_may_edit_rules(client, persona, request):
    name = request.node.callspec.params["persona"]
    if persona:
        client.force_login(persona)
    for url in _edit_urls().values():
        assert client.get(url).status_code == EDIT_ACCESS[name], url
        post = client.post(url, {})
        assert post.status_code == (200 if name == "administrator" else EDIT_ACCESS[name]), url
    assert not AuditEvent.objects.filter(action__startswith="rules.").exists()


def _threshold_data(**changes):
    threshold = _threshold()
    data = {
        "law": "LOU",
        "kind": threshold.kind,
        "buyer_category": threshold.buyer_category,
        "contract_type": threshold.contract_type,
        "valid_from": "2026-01-01",
        "valid_to": "2027-12-31",
        "amount_sek": "",
        "amount_eur": "216000",
        "source": threshold.source,
        "source_url": threshold.source_url,
        "certainty": threshold.certainty,
    }
    return {**data, **changes}


def test_an_administrator_enters_the_official_sek_value_with_history_and_audit(english, administrator):
    english.force_login(administrator)
    threshold = _threshold()
    url = reverse("rules:threshold_edit", args=[threshold.pk])
    response = english.post(
        url, _threshold_data(amount_sek="2335000", source_url="https://www.upphandlingsmyndigheten.se/")
    )
    assert response.status_code == 302
    threshold.refresh_from_db()
    assert threshold.amount_sek == 2_335_000
    assert threshold.history.count() == 2
    assert threshold.history.first().history_user == administrator
    event = AuditEvent.objects.get(action="rules.threshold_changed")
    assert (event.actor, event.target_id) == (administrator, str(threshold.pk))
    assert event.data == {"created": False, "fields": ["amount_sek", "source_url"]}
    page = english.get(url).content.decode()
    assert "History" in page and administrator.name in page and "amount in SEK" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"valid_to": "2025-12-31"}, "The period must end after it begins."),
        ({"amount_eur": "", "amount_sek": ""}, "Give the amount in SEK, in EUR, or both."),
        ({"amount_sek": "-1"}, "Ensure this value is greater than or equal to"),
        ({"amount_sek": "10000000000000"}, "Ensure this value is less than or equal to"),
        ({"valid_from": "2026-02-30"}, "Enter a valid date."),
        ({"kind": "bribe"}, "Select a valid choice."),
    ],
)
def test_an_invalid_threshold_edit_shows_errors_and_changes_nothing(english, administrator, changes, message):
    english.force_login(administrator)
    threshold = _threshold()
    response = english.post(reverse("rules:threshold_edit", args=[threshold.pk]), _threshold_data(**changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "is violated" not in html  # the model's sentence, not the database constraint's name
    refreshed = Threshold.objects.get(pk=threshold.pk)
    assert (refreshed.valid_to, refreshed.amount_eur, refreshed.amount_sek) == (date(2027, 12, 31), 216_000, None)
    assert threshold.history.count() == 1
    assert not AuditEvent.objects.exists()


def test_an_administrator_adds_a_threshold(administrator, client):
    client.force_login(administrator)
    data = _threshold_data(valid_from="2028-01-01", valid_to="2029-12-31", amount_eur="220000")
    assert client.post(reverse("rules:threshold_create"), data).status_code == 302
    created = Threshold.objects.get(valid_from=date(2028, 1, 1), contract_type="services", buyer_category="sub_central")
    assert created.amount_eur == 220_000
    assert AuditEvent.objects.get(action="rules.threshold_changed").data["created"] is True


def test_an_administrator_sets_the_official_exchange_rate(administrator, client):
    client.force_login(administrator)
    data = {"valid_from": "2026-02-01", "sek_per_eur": "11.2", "source": "C/2025/7081", "certainty": "verified"}
    assert client.post(reverse("rules:exchange_rate_create"), data).status_code == 302
    assert ExchangeRate.objects.get(valid_from=date(2026, 2, 1)).sek_per_eur == Decimal("11.2")
    assert AuditEvent.objects.filter(action="rules.exchange_rate_changed").count() == 1
    # The day already has a rate; absurd rates are refused too.
    for bad in ({**data, "sek_per_eur": "12"}, {**data, "valid_from": "2026-03-01", "sek_per_eur": "0.5"}):
        response = client.post(reverse("rules:exchange_rate_create"), bad)
        assert response.status_code == 200
    assert ExchangeRate.objects.count() == 2


def test_an_administrator_changes_a_time_limit_and_it_applies(english, administrator):
    english.force_login(administrator)
    limit = TimeLimit.objects.get(code="open-35")
    url = reverse("rules:time_limit_edit", args=[limit.pk])
    data = {
        "days": "36",
        "rolls_forward": "on",
        "text_sv": limit.text_sv,
        "text_en": limit.text_en,
        "source": limit.source,
        "source_url": "",
        "certainty": "verified",
    }
    assert english.post(url, {**data, "days": "0"}).status_code == 200
    assert TimeLimit.objects.get(pk=limit.pk).days == 35
    assert english.post(url, data).status_code == 302
    assert TimeLimit.objects.get(pk=limit.pk).days == 36
    assert AuditEvent.objects.get(action="rules.time_limit_changed").data["fields"] == ["days"]
    response = english.get(
        reverse(CALCULATOR), {"procedure": "open", "notice_sent": "2026-01-12"}, HTTP_HX_REQUEST="true"
    )
    assert '<time datetime="2026-02-17">' in response.content.decode()


def test_a_preset_edit_is_checked_by_the_models_rules(administrator, client):
    client.force_login(administrator)
    preset = ProportionalityPreset.objects.get(code="trafikverket")
    url = reverse("rules:preset_edit", args=[preset.pk])
    form = client.get(url).context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items() if name in form.fields}
    bad = {**data, "works_sek_per_slot": "", "services_sek_per_slot": "", "social_services_sek_per_slot": ""}
    response = client.post(url, bad)
    assert response.status_code == 200
    assert ProportionalityPreset.objects.get(pk=preset.pk).works_sek_per_slot == 50_000_000
    assert client.post(url, {**data, "services_sek_per_slot": "20000000"}).status_code == 302
    assert ProportionalityPreset.objects.get(pk=preset.pk).services_sek_per_slot == 20_000_000
    assert AuditEvent.objects.filter(action="rules.preset_changed").count() == 1


def test_an_administrator_sets_the_municipalitys_policy(english, administrator, municipality):
    english.force_login(administrator)
    url = reverse("rules:policy_edit")
    assert municipality.name in english.get(url).content.decode()
    pilot = ProportionalityPreset.objects.get(code="ostersund-pilot")
    assert english.post(url, {"default_preset": pilot.pk, "near_threshold_margin_percent": "60"}).status_code == 200
    assert ProcurementPolicy.objects.get(organisation=municipality).near_threshold_margin_percent == 10
    assert english.post(url, {"default_preset": pilot.pk, "near_threshold_margin_percent": "5"}).status_code == 302
    policy = ProcurementPolicy.objects.get(organisation=municipality)
    assert (policy.default_preset, policy.near_threshold_margin_percent) == (pilot, 5)
    assert AuditEvent.objects.get(action="rules.policy_changed").organisation == municipality
    assert "Östersund pilot" in english.get(reverse("rules:overview")).content.decode()
