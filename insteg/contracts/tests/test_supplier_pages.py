"""The supplier portal: positions offered under a contract and the periodic report, with strict isolation."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from insteg.contracts.models import ComplianceReport, Position, PositionType
from insteg.contracts.tests.factories import (
    AwardFactory,
    CommitmentFactory,
    ComplianceReportFactory,
    ContractFactory,
    PositionFactory,
    TenderFactory,
)
from insteg.procurement.tests.factories import ProcurementFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MID_AUGUST_2026 = datetime.datetime(2026, 8, 15, 10, tzinfo=STOCKHOLM)


@pytest.fixture
def others_contract(municipality, procurement_officer, other_supplier):
    """The same municipality's contract with the other supplier (maria's company)."""
    procurement = ProcurementFactory(
        organisation=municipality, officer=procurement_officer, status="awarded", reference="KS 2026/0300"
    )
    tender = TenderFactory(procurement=procurement, organisation=other_supplier.organisation)
    contract = ContractFactory(award=AwardFactory(winner=tender, decided_by=procurement_officer))
    CommitmentFactory(contract=contract)
    return contract


def position_data(**changes):
    data = {
        "position_type": PositionType.objects.get(code="arbetspraktik").pk,
        "occupation": "9111",
        "title": "Lokalvårdare, praktik",
        "workplace_municipality": "Östersund",
        "workplace_address": "Storgatan 1",
        "hours_per_week": "30",
        "start_from": "2026-08-01",
        "start_until": "2026-09-30",
        "duration_months": "4",
        "swedish_level": "basic",
        "physical_demands": "Standing most of the day",
        "adaptations": "Flexible hours",
        "supervisor_name": "Eva Handledare",
        "supervisor_email": "eva@storsjobygg.example",
        "supervisor_trained": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def report_data(**changes):
    data = {
        "period_start": "2026-06-01",
        "places_offered": "2",
        "people_started": "1",
        "months_completed": "2.5",
        "ended_early": "0",
        "ended_early_met": "0",
        "confirms_terms": "on",
        "confirms_supervision": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- The list of positions ------------------------------------------------------------------------------


def test_supplier_sees_its_own_positions_in_words(client, supplier, contract, others_contract):
    PositionFactory(contract=contract, title="Lokalvårdare i Lit", supervisor_trained=True)
    PositionFactory(contract=others_contract, title="Fönsterputsare hos Frösö")
    client.force_login(supplier)

    page = client.get(reverse("contracts:positions"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Lokalvårdare i Lit" in page
    assert "Fönsterputsare hos Frösö" not in page
    assert "9111 Städare" in page
    assert "2026-08-01 – 2026-09-30" in page
    assert "4 months" in page
    assert ">Yes<" in page
    assert reverse("contracts:report_create", args=[contract.pk]) in page
    assert reverse("contracts:position_create", args=[others_contract.pk]) not in page


def test_matching_officer_sees_every_position_of_the_municipality_but_cannot_edit(
    client, matching_officer, contract, others_contract
):
    mine = PositionFactory(contract=contract, title="Lokalvårdare i Lit")
    PositionFactory(contract=others_contract, title="Fönsterputsare hos Frösö")
    client.force_login(matching_officer)

    page = client.get(reverse("contracts:positions")).content.decode()

    assert "Lokalvårdare i Lit" in page
    assert "Fönsterputsare hos Frösö" in page
    assert reverse("contracts:position_edit", args=[contract.pk, mine.pk]) not in page
    assert reverse("contracts:report_create", args=[contract.pk]) not in page


def test_the_list_filters_by_status_type_and_municipality(client, procurement_officer, contract):
    PositionFactory(contract=contract, title="Öppen praktik i Östersund")
    PositionFactory(contract=contract, title="Tillsatt praktik", status=Position.Status.FILLED)
    PositionFactory(
        contract=contract, title="Nystartsjobb i Krokom", position_type=PositionType.objects.get(code="nystartsjobb")
    )
    PositionFactory(contract=contract, title="Praktik i Krokom", workplace_municipality="Krokom")
    client.force_login(procurement_officer)
    url = reverse("contracts:positions")

    by_status = client.get(url, {"status": "filled"}).content.decode()
    by_type = client.get(url, {"position_type": "nystartsjobb"}).content.decode()
    by_place = client.get(url, {"municipality": "Krokom"}).content.decode()

    assert "Tillsatt praktik" in by_status and "Öppen praktik i Östersund" not in by_status
    assert "Nystartsjobb i Krokom" in by_type and "Praktik i Krokom" not in by_type
    assert "Praktik i Krokom" in by_place and "Öppen praktik i Östersund" not in by_place


def test_an_unknown_filter_value_shows_everything_rather_than_failing(client, supplier, contract):
    PositionFactory(contract=contract, title="Lokalvårdare i Lit")
    client.force_login(supplier)

    response = client.get(reverse("contracts:positions"), {"status": "<script>", "position_type": "x" * 5000})

    assert response.status_code == 200
    assert "Lokalvårdare i Lit" in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_htmx_gets_only_the_results(client, supplier, contract):
    PositionFactory(contract=contract, title="Lokalvårdare i Lit")
    client.force_login(supplier)

    page = client.get(reverse("contracts:positions"), HTTP_HX_REQUEST="true").content.decode()

    assert "Lokalvårdare i Lit" in page
    assert "<h1>" not in page


QUERIES_FOR_LIST = 8


@pytest.mark.parametrize("count", [2, 12])
def test_the_list_runs_a_constant_number_of_queries(
    client, procurement_officer, contract, others_contract, django_assert_num_queries, count
):
    for number in range(count):
        PositionFactory(contract=(contract, others_contract)[number % 2], workplace_municipality=f"Ort {number}")
    client.force_login(procurement_officer)

    with django_assert_num_queries(QUERIES_FOR_LIST):
        response = client.get(reverse("contracts:positions"))

    assert response.content.decode().count("/platser/") >= count


# --- Adding and changing a position --------------------------------------------------------------------


def test_supplier_adds_a_position(client, supplier, contract):
    client.force_login(supplier)

    response = client.post(reverse("contracts:position_create", args=[contract.pk]), position_data())

    assert response.status_code == 302
    position = Position.objects.get(contract=contract)
    assert position.occupation_id == "9111"
    assert position.supervisor_trained is True
    assert position.status == Position.Status.OPEN
    assert "Lokalvårdare, praktik" in client.get(response["Location"]).content.decode()


def test_the_occupation_can_be_picked_from_the_list_with_its_title(client, supplier, contract):
    client.force_login(supplier)
    url = reverse("contracts:position_create", args=[contract.pk])

    form = client.get(url).content.decode()
    client.post(url, position_data(occupation="5321 Undersköterskor, hemtjänst, hemsjukvård och äldreboende"))

    assert 'list="id_occupation_options"' in form
    assert '<datalist id="id_occupation_options">' in form
    assert form.count('<option value="') >= 426
    assert Position.objects.get(contract=contract).occupation_id == "5321"


def test_the_form_says_that_no_personal_data_belongs_there(client, supplier, contract):
    client.force_login(supplier)

    page = client.get(reverse("contracts:position_create", args=[contract.pk]), HTTP_ACCEPT_LANGUAGE="en")

    assert "No personal data about the future participant belongs here" in page.content.decode()


def test_only_the_commitments_position_types_are_offered(client, supplier, contract):
    contract.commitments.get().position_types.set(PositionType.objects.filter(code="arbetspraktik"))
    client.force_login(supplier)
    url = reverse("contracts:position_create", args=[contract.pk])
    nystartsjobb = PositionType.objects.get(code="nystartsjobb")

    form = client.get(url).content.decode()
    response = client.post(url, position_data(position_type=nystartsjobb.pk))

    assert "Arbetspraktik" in form and "Nystartsjobb" not in form
    assert response.status_code == 200
    assert not Position.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"occupation": "0000"}, "occupation", "Unknown SSYK 2012 code"),
        ({"occupation": "Städare"}, "occupation", "Unknown SSYK 2012 code"),
        ({"start_until": "2026-07-01"}, "start_until", "The last start day must not come before the first."),
        ({"start_from": "2026-02-30"}, "start_from", "Enter a valid date."),
        ({"hours_per_week": "-5"}, "hours_per_week", "greater than or equal to"),
        ({"hours_per_week": "99999999999999999999"}, "hours_per_week", "less than or equal to"),
        ({"title": "x" * 100_000}, "title", "at most 200 characters"),
        ({"supervisor_email": "eva"}, "supervisor_email", "Enter a valid email address."),
        ({"supervisor_name": ""}, "supervisor_name", "This field is required."),
    ],
)
def test_bad_position_input_gives_a_clear_message_and_saves_nothing(
    client, supplier, contract, changes, field, message
):
    client.force_login(supplier)

    response = client.post(
        reverse("contracts:position_create", args=[contract.pk]), position_data(**changes), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "There is a problem" in response.content.decode()
    assert not Position.objects.exists()


def test_markup_in_a_title_is_shown_as_text(client, supplier, contract):
    client.force_login(supplier)
    client.post(reverse("contracts:position_create", args=[contract.pk]), position_data(title="<script>x</script>"))

    page = client.get(reverse("contracts:positions")).content.decode()

    assert "&lt;script&gt;x&lt;/script&gt;" in page
    assert "<script>x</script>" not in page


def test_supplier_changes_a_position_and_its_status(client, supplier, contract):
    position = PositionFactory(contract=contract)
    client.force_login(supplier)
    url = reverse("contracts:position_edit", args=[contract.pk, position.pk])

    form = client.get(url).content.decode()
    response = client.post(url, position_data(status="filled", hours_per_week="20"))

    assert 'value="9111 Städare"' in form
    assert response.status_code == 302
    position.refresh_from_db()
    assert (position.status, position.hours_per_week) == (Position.Status.FILLED, 20)


def test_the_buyers_officer_may_correct_a_position(client, procurement_officer, contract):
    position = PositionFactory(contract=contract)
    client.force_login(procurement_officer)

    response = client.post(
        reverse("contracts:position_edit", args=[contract.pk, position.pk]), position_data(status="withdrawn")
    )

    assert response.status_code == 302
    position.refresh_from_db()
    assert position.status == Position.Status.WITHDRAWN


def test_a_matching_officer_reads_but_does_not_add_positions(client, matching_officer, contract):
    position = PositionFactory(contract=contract)
    client.force_login(matching_officer)

    create = client.post(reverse("contracts:position_create", args=[contract.pk]), position_data())
    edit = client.post(reverse("contracts:position_edit", args=[contract.pk, position.pk]), position_data())

    assert (create.status_code, edit.status_code) == (403, 403)
    assert Position.objects.count() == 1


def test_another_suppliers_contact_gets_404_and_changes_nothing(client, other_supplier, contract):
    position = PositionFactory(contract=contract, hours_per_week=30)
    client.force_login(other_supplier)
    urls = [
        reverse("contracts:position_create", args=[contract.pk]),
        reverse("contracts:position_edit", args=[contract.pk, position.pk]),
        reverse("contracts:report_create", args=[contract.pk]),
    ]

    statuses = [client.get(url).status_code for url in urls]
    posted = [client.post(url, {**position_data(hours_per_week="5"), **report_data()}).status_code for url in urls]

    assert statuses == [404, 404, 404]
    assert posted == [404, 404, 404]
    position.refresh_from_db()
    assert position.hours_per_week == 30
    assert Position.objects.count() == 1
    assert not ComplianceReport.objects.exists()


def test_a_position_cannot_be_reached_through_another_contract(client, supplier, contract, others_contract):
    theirs = PositionFactory(contract=others_contract)
    own_contract_with_their_position = reverse("contracts:position_edit", args=[contract.pk, theirs.pk])
    client.force_login(supplier)

    assert client.get(own_contract_with_their_position).status_code == 404
    assert client.post(own_contract_with_their_position, position_data()).status_code == 404


# --- The periodic report -------------------------------------------------------------------------------


@time_machine.travel(MID_AUGUST_2026, tick=False)
def test_supplier_reports_a_period(client, supplier, contract):
    client.force_login(supplier)
    url = reverse("contracts:report_create", args=[contract.pk])

    form = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    response = client.post(url, report_data(), HTTP_ACCEPT_LANGUAGE="en")

    assert "counts and months only" in form
    assert "2026-06-01 – 2026-06-30" in form and "2026-08-01 – 2026-08-31" in form
    assert "2026-09-01" not in form
    assert response["Location"] == reverse("contracts:detail", args=[contract.pk])
    report = ComplianceReport.objects.get(contract=contract)
    assert (report.period_end, report.months_completed, report.submitted_by) == (
        datetime.date(2026, 6, 30),
        Decimal("2.5"),
        supplier,
    )


@time_machine.travel(MID_AUGUST_2026, tick=False)
def test_the_confirmations_start_unticked_and_are_both_required(client, supplier, contract):
    client.force_login(supplier)
    url = reverse("contracts:report_create", args=[contract.pk])

    form = client.get(url).content.decode()
    response = client.post(url, report_data(confirms_supervision=None), HTTP_ACCEPT_LANGUAGE="en")

    assert 'name="confirms_terms"' in form and "checked" not in form
    assert "Tick this box to confirm" in " ".join(response.context["form"].errors["confirms_supervision"])
    assert not ComplianceReport.objects.exists()


@time_machine.travel(MID_AUGUST_2026, tick=False)
def test_a_reported_period_is_no_longer_offered(client, supplier, contract):
    ComplianceReportFactory(contract=contract, submitted_by=supplier)
    client.force_login(supplier)
    url = reverse("contracts:report_create", args=[contract.pk])

    form = client.get(url).content.decode()
    response = client.post(url, report_data(), HTTP_ACCEPT_LANGUAGE="en")

    assert 'value="2026-06-01"' not in form and 'value="2026-07-01"' in form
    assert "already reported" in " ".join(response.context["form"].errors["period_start"])
    assert ComplianceReport.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"period_start": "2026-09-01"}, "period_start", "This period has not started yet"),
        ({"period_start": "2026-06-15"}, "period_start", "Choose one of the contract's reporting periods."),
        ({"period_start": "2026-02-30"}, "period_start", "Enter a valid date."),
        ({"places_offered": "-1"}, "places_offered", "greater than or equal to 0"),
        ({"people_started": "3"}, "people_started", "More people cannot start than places were offered."),
        ({"months_completed": "-0.5"}, "months_completed", "greater than or equal to 0"),
        ({"months_completed": "2.55"}, "months_completed", "1 decimal place"),
        ({"months_completed": "9" * 100_000}, "months_completed", ""),
        ({"ended_early": "1", "ended_early_met": "2"}, "ended_early_met", "more than the placements that ended"),
        ({"confirms_terms": None}, "confirms_terms", "Tick this box to confirm"),
        ({"places_offered": "<script>"}, "places_offered", "Enter a whole number."),
    ],
)
@time_machine.travel(MID_AUGUST_2026, tick=False)
def test_bad_report_input_gives_a_clear_message_and_saves_nothing(client, supplier, contract, changes, field, message):
    client.force_login(supplier)

    response = client.post(
        reverse("contracts:report_create", args=[contract.pk]), report_data(**changes), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field])
    assert "There is a problem" in response.content.decode()
    assert not ComplianceReport.objects.exists()


@pytest.mark.parametrize("persona", ["procurement_officer", "administrator", "matching_officer"], indirect=True)
@time_machine.travel(MID_AUGUST_2026, tick=False)
def test_the_buyers_staff_do_not_report(client, persona, contract):
    client.force_login(persona)
    url = reverse("contracts:report_create", args=[contract.pk])

    assert client.get(url).status_code == 403
    assert client.post(url, report_data()).status_code == 403
    assert not ComplianceReport.objects.exists()


@pytest.mark.parametrize("persona", ["employment_officer", "funder"], indirect=True)
def test_outsiders_see_no_positions_and_reach_no_contract(client, persona, contract):
    PositionFactory(contract=contract, title="Lokalvårdare i Lit")
    client.force_login(persona)

    page = client.get(reverse("contracts:positions")).content.decode()

    assert "Lokalvårdare i Lit" not in page
    assert client.get(reverse("contracts:position_create", args=[contract.pk])).status_code == 404
    assert client.get(reverse("contracts:report_create", args=[contract.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, contract):
    for url in [
        reverse("contracts:positions"),
        reverse("contracts:position_create", args=[contract.pk]),
        reverse("contracts:report_create", args=[contract.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
