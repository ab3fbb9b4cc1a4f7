"""The pilot evaluation page and its XLSX, CSV and PDF: who may read them, the figures against hand-computed
expectations, and the funder's copy that never holds a small count.

Seven placements, started and ended through the follow-up services, in one contract of the municipality:

    #  age band  gender      how it ended   outcome at the end (evidence)     after 90 days (evidence)
    1  25–29     woman       completed      job at the host (employer)        job at the host (register)
    2  25–29     woman       completed      other job (self-reported)         other job (register)
    3  25–29     woman       completed      studies (self-reported)           job at the host (employer)
    4  30–39     man         participant    Arbetsförmedlingen (self)         –
    5  30–39     man         employer       Arbetsförmedlingen (self)         –
    6  50–59     not stated  health         unknown                           –
    7  50–59     man         still running

The three women aged 25–29 are the distinctive count: the staff see 3, the funder (threshold 5) sees "–".
"""

import csv
import datetime
import io
import subprocess
import time
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from lxml import html as lxml_html
from openpyxl import load_workbook

from insteg.contracts.tests.factories import CommitmentFactory, PositionFactory, TenderFactory
from insteg.followup import services
from insteg.matching.models import Placement
from insteg.matching.tests.conftest import host_contract, position  # noqa: F401 -- shared fixtures
from insteg.matching.tests.factories import ParticipantFactory, PlacementFactory
from insteg.procurement.tests.factories import ProcurementFactory
from insteg.reports.documents import evaluation_csv, evaluation_pdf
from insteg.reports.figures import Evaluation, Table

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
PERIOD = {"start": START.isoformat(), "end": END.isoformat()}

# age band, gender, end reason, outcome at the end, evidence, outcome after 90 days, evidence
PEOPLE = [
    ("25–29", "woman", "completed", "job_at_host", "employer_confirmed", "job_at_host", "register_verified"),
    ("25–29", "woman", "completed", "other_job", "self_reported", "other_job", "register_verified"),
    ("25–29", "woman", "completed", "studies", "self_reported", "job_at_host", "employer_confirmed"),
    ("30–39", "man", "participant", "employment_service", "self_reported", "", ""),
    ("30–39", "man", "employer", "employment_service", "self_reported", "", ""),
    ("50–59", "", "health", "unknown", "", "", ""),
    ("50–59", "man", "", "", "", "", ""),  # still running
]


@pytest.fixture
def placements(position, municipality, matching_officer):  # noqa: F811
    made = []
    for number, (band, gender, reason, outcome, evidence, outcome_90, evidence_90) in enumerate(PEOPLE):
        starts = datetime.date(2026, 2, 2) + datetime.timedelta(days=number)
        placement = PlacementFactory(
            participant=ParticipantFactory(municipality=municipality, age_band=band, gender=gender),
            position=position,
            starts_on=starts,
            planned_end_on=starts + datetime.timedelta(days=120),
        )
        placement = services.start(placement, user=matching_officer)
        if reason:
            ended_on = placement.planned_end_on if reason == "completed" else starts + datetime.timedelta(days=60)
            placement = services.end(
                placement, user=matching_officer, ended_on=ended_on, reason=reason, outcome=outcome, evidence=evidence
            )
        if outcome_90:
            placement = services.record_outcome_90(
                placement, user=matching_officer, outcome=outcome_90, evidence=evidence_90
            )
        made.append(placement)
    return made


def _get(client, user, name="reports:evaluation", **params):
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client.get(reverse(name), {**PERIOD, **params})


def _table(response, key) -> dict[str, list[str]]:
    """The rows of one table on the page, by row label, each cell's visible text."""
    page = lxml_html.fromstring(response.content.decode())
    rows = page.xpath(f"//section[@id='{key}']//table/tbody/tr")
    return {
        row.xpath("string(th)").strip(): [
            cell.xpath("string(span[@aria-hidden] | text())").strip() for cell in row.xpath("td")
        ]
        for row in rows
    }


def _section_text(response, key) -> str:
    page = lxml_html.fromstring(response.content.decode())
    return " ".join(page.xpath(f"string(//section[@id='{key}'])").split())


# --- Who may read it ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["reports:evaluation", "reports:evaluation_xlsx", "reports:evaluation_csv"])
@pytest.mark.parametrize("persona", ["supplier", "employment_officer"], indirect=True)
def test_suppliers_and_employment_officers_cannot_read_the_evaluation(client, persona, name):
    client.force_login(persona)
    assert client.get(reverse(name)).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("reports:evaluation"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.mark.parametrize(
    "persona", ["procurement_officer", "matching_officer", "administrator", "funder"], indirect=True
)
def test_the_municipality_staff_and_the_funder_read_the_evaluation(client, persona, placements):
    response = _get(client, persona)
    assert response.status_code == 200
    assert "Pilot evaluation" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["reports:evaluation", "reports:evaluation_xlsx", "reports:evaluation_csv", "reports:evaluation_pdf"]
)
def test_a_report_with_nothing_to_report_still_answers(client, funder, name):
    client.force_login(funder)
    response = client.get(reverse(name))
    assert response.status_code == 200


def test_the_first_visit_shows_this_year_so_far_for_every_procurement(client, procurement_officer, placements):
    client.force_login(procurement_officer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.get(reverse("reports:evaluation"))
    assert response.status_code == 200
    today = timezone.localdate()
    assert response.context["report"].start == today.replace(month=1, day=1)
    assert response.context["report"].end == today
    assert len(response.context["report"].procurements) == 1


# --- The figures, as the staff see them ---------------------------------------------------------------------------


def test_the_staff_see_the_hand_computed_figures(client, procurement_officer, placements):
    response = _get(client, procurement_officer)
    assert _table(response, "people") == {
        "25–29": ["3", "0", "0", "0", "3"],
        "30–39": ["0", "2", "0", "0", "2"],
        "50–59": ["0", "1", "0", "1", "2"],
        "Total": ["3", "3", "0", "1", "7"],
    }
    assert list(_table(response, "completion").values()) == [["3"], ["1"], ["1"], ["1"], ["0"], ["1"], ["7"]]
    assert "Completion rate among ended placements: 50 %." in _section_text(response, "completion")
    outcomes = _table(response, "outcomes")
    assert outcomes["Unsubsidised job at the host"] == ["1", "2"]
    assert outcomes["Other job"] == ["1", "1"]
    assert outcomes["Studies"] == ["1", "0"]
    assert outcomes["Back with Arbetsförmedlingen"] == ["2", "0"]
    assert outcomes["Unknown"] == ["1", "0"]
    assert outcomes["Total"] == ["6", "3"]
    assert "In work 90 days after the end: 100 % of those followed up." in _section_text(response, "outcomes")
    evidence = _table(response, "evidence")
    assert evidence["Self-reported"] == ["4", "0"]
    assert evidence["Confirmed by the employer"] == ["1", "1"]
    assert evidence["Verified in a register"] == ["0", "2"]
    assert "verified in a register: 67 %" in _section_text(response, "evidence")
    assert _table(response, "smes") == {"Tenderers": ["1", "1", "100 %"], "Winners": ["1", "1", "100 %"]}
    commitments = _table(response, "commitments")
    assert commitments["Total"][:2] == ["2", "24"]


def test_the_page_is_accessible_tables_with_captions_and_header_scopes(client, procurement_officer, placements):
    page = lxml_html.fromstring(_get(client, procurement_officer).content.decode())
    tables = page.xpath("//section[contains(@class, 'report-section')]//table")
    assert len(tables) == 9
    for table in tables:
        assert table.xpath("string(caption)").strip()
        assert all(th.get("scope") in ("col", "row") for th in table.xpath(".//th"))
    assert len(page.xpath("//h1")) == 1
    assert not page.xpath("//*[@style]")  # the page's policy blocks style attributes
    for image in page.xpath("//figure[@class='report-chart']/img"):
        assert image.get("src").startswith("data:image/svg+xml;base64,")
        assert image.get("alt")


def test_staff_follow_rows_to_the_records_behind_them(client, matching_officer, placements, host_contract):  # noqa: F811
    response = _get(client, matching_officer, procurements=host_contract.procurement_id)
    page = lxml_html.fromstring(response.content.decode())
    contract_links = page.xpath("//section[@id='commitments']//tbody//th/a/@href")
    assert contract_links == [reverse("contracts:detail", args=[host_contract.pk])]
    assert reverse("matching:placements") in page.xpath("//section[@id='people']//a/@href")
    assert reverse("procurement:detail", args=[host_contract.procurement_id]) in page.xpath("//a/@href")


# --- The funder's copy --------------------------------------------------------------------------------------------


def test_the_funder_sees_dashes_where_the_staff_see_small_counts(client, procurement_officer, funder, placements):
    staff = _table(_get(client, procurement_officer), "people")
    response = _get(client, funder)
    shown = _table(response, "people")
    assert staff["25–29"] == ["3", "0", "0", "0", "3"]
    assert shown["25–29"] == ["–", "0", "0", "0", "–"]
    assert shown["Total"] == ["–", "–", "0", "–", "7"]
    for values in shown.values():
        assert all(value in ("–", "0", "7") for value in values)
    assert "counts of people below 5 are shown as –, and so is any figure that would reveal one" in (
        response.content.decode()
    )
    assert list(_table(response, "completion").values()) == [["–"], ["–"], ["–"], ["–"], ["0"], ["–"], ["7"]]
    assert "Completion rate among ended placements: –." in _section_text(response, "completion")
    assert _table(response, "outcomes")["Total"] == ["6", "–"]


def test_the_funder_gets_no_links_to_records(client, funder, placements):
    page = lxml_html.fromstring(_get(client, funder).content.decode())
    links = page.xpath("//main//a/@href")
    assert not [link for link in links if "/avtal/" in link or "/placeringar/" in link or "/upphandlingar/" in link]


def test_the_funders_xlsx_holds_dashes_and_the_staffs_the_counts(client, procurement_officer, funder, placements):
    staff = _get(client, procurement_officer, "reports:evaluation_xlsx")
    assert staff.status_code == 200
    assert staff["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert staff["Content-Disposition"] == 'attachment; filename="pilot-evaluation-2026-01-01-2026-12-31.xlsx"'
    workbook = load_workbook(io.BytesIO(staff.content))
    assert workbook.sheetnames == [
        "Report", "Procurements", "Requirements", "Commitments", "People", "Completion", "Outcomes", "Evidence",
        "Supervisors", "SMEs", "Questions",
    ]  # fmt: skip
    people = workbook["People"]
    assert people["A1"].value == "People placed, by age band and gender"
    assert [cell.value for cell in people[4]] == [
        "Age band",
        "Woman",
        "Man",
        "Other description",
        "Not stated",
        "Total",
    ]
    assert people["A4"].font.bold
    assert [cell.value for cell in people[5]] == ["25–29", 3, 0, 0, 0, 3]
    assert [cell.value for cell in people[8]] == ["Total", 3, 3, 0, 1, 7]
    assert people["B5"].number_format == "#,##0"
    assert workbook["SMEs"]["D5"].value == 1 and workbook["SMEs"]["D5"].number_format == "0 %"
    front = [cell.value for row in workbook["Report"].iter_rows() for cell in row if cell.value]
    assert "2026-01-01 – 2026-12-31" in front
    assert "All 1 published procurement." in front
    procurement = placements[0].position.contract.procurement
    assert [cell.value for cell in workbook["Procurements"][5]] == [procurement.reference, procurement.title]

    funder_book = load_workbook(io.BytesIO(_get(client, funder, "reports:evaluation_xlsx").content))
    people = funder_book["People"]
    assert [cell.value for cell in people[5]] == ["25–29", "–", 0, 0, 0, "–"]
    assert [cell.value for cell in people[8]] == ["Total", "–", "–", 0, "–", 7]
    assert any("below 5 are shown as –" in str(cell.value) for row in funder_book["Report"].iter_rows() for cell in row)
    completion = [row[1].value for row in funder_book["Completion"].iter_rows(min_row=5)]
    assert completion == ["–", "–", "–", "–", 0, "–", 7]


def test_the_csv_is_semicolon_separated_utf8_with_bom_and_hides_small_counts(
    client, procurement_officer, funder, placements
):
    staff = _get(client, procurement_officer, "reports:evaluation_csv")
    assert staff["Content-Type"] == "text/csv; charset=utf-8"
    assert staff["Content-Disposition"].endswith('.csv"')
    assert staff.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(staff.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["table", "row", "column", "value"]
    people = "People placed, by age band and gender"
    assert [people, "25–29", "Woman", "3"] in rows
    assert [people, "Total", "Total", "7"] in rows
    assert {row[0] for row in rows[1:]} >= {"Social requirements set", "How placements ended"}

    funder_rows = list(
        csv.reader(
            io.StringIO(_get(client, funder, "reports:evaluation_csv").content.decode("utf-8-sig")), delimiter=";"
        )
    )
    assert [people, "25–29", "Woman", "–"] in funder_rows
    assert not [row for row in funder_rows if row[0] == people and row[3] not in ("–", "0", "7")]


def _pdf_text(content: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)  # noqa: S603, S607
    return result.stdout.decode()


def test_the_pdf_report_has_the_tables_figures_and_method(client, procurement_officer, funder, placements):
    staff = _get(client, procurement_officer, "reports:evaluation_pdf")
    assert staff["Content-Type"] == "application/pdf"
    assert staff["Content-Disposition"] == 'attachment; filename="pilot-evaluation-2026-01-01-2026-12-31.pdf"'
    assert staff.content.startswith(b"%PDF")
    text = _pdf_text(staff.content)
    for title in ("Pilot evaluation", "People placed, by age band and gender", "How placements ended", "Method"):
        assert title in text
    assert "Completion rate among ended placements: 50 %." in text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "25–29 3 0 0 0 3" in lines

    funder_lines = [
        " ".join(line.split())
        for line in _pdf_text(_get(client, funder, "reports:evaluation_pdf").content).splitlines()
    ]
    assert "25–29 – 0 0 0 –" in funder_lines
    assert "Total – – 0 – 7" in funder_lines
    assert not [line for line in funder_lines if line.startswith("25–29") and "3" in line]


def test_a_long_table_of_contracts_is_summed_up_in_the_pdf_but_complete_in_the_files():
    rows = [(f"KS 2026/{number:04d} – Storsjöbygg AB", [2, 24, Decimal(6), "placements"]) for number in range(35)]
    table = Table(
        key="commitments", title="Slots and months committed and delivered",
        columns=["Slots", "Months committed", "Months delivered", "Source"], rows=rows,
        total=("Total", [70, 840, Decimal(210), ""]), chart="bar",
    )  # fmt: skip
    evaluation = Evaluation(start=START, end=END, procurements=[], threshold=0, tables=[table])
    with translation.override("en"):
        lines = [" ".join(line.split()) for line in _pdf_text(evaluation_pdf(evaluation)).splitlines()]
        csv_rows = evaluation_csv(evaluation).splitlines()
    assert "KS 2026/0029 – Storsjöbygg AB 2 24 6 placements" in lines
    assert not [line for line in lines if line.startswith("KS 2026/0030")]
    summed = [line for line in lines if line.startswith("5 more rows (every row is in the")]
    assert summed and summed[0].endswith(" 10 120 30")  # the label wraps; the sums of the five rows follow it
    assert "Total 70 840 210" in lines
    assert "Slots and months committed and delivered;KS 2026/0034 – Storsjöbygg AB;Months delivered;6" in csv_rows


# --- Bad input --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-06-01", "end": "2026-01-01"}, "The end of the period cannot be before its start."),
        ({"start": "20226-01-01", "end": "2026-12-31"}, "Enter a valid date."),
        ({"start": "2010-01-01", "end": "2026-12-31"}, "The period can be at most 10 years long."),
        ({"start": "1900-01-01", "end": "1901-01-01"}, "Choose a date from 2000-01-01 to 2099-12-31."),
        ({"procurements": "abc"}, "is not a valid value"),
        ({"procurements": "999999"}, "Select a valid choice"),
    ],
)
@pytest.mark.parametrize(
    "name", ["reports:evaluation", "reports:evaluation_xlsx", "reports:evaluation_csv", "reports:evaluation_pdf"]
)
def test_bad_input_gives_form_errors_not_a_server_error(client, procurement_officer, params, message, name):
    client.force_login(procurement_officer)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.get(reverse(name), params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page


def test_another_municipalitys_procurement_cannot_be_chosen(client, procurement_officer, placements):
    elsewhere = ProcurementFactory(status="published")
    response = _get(client, procurement_officer, procurements=elsewhere.pk)
    assert response.status_code == 400


def test_chosen_procurements_narrow_the_report(client, procurement_officer, placements, host_contract):  # noqa: F811
    other = ProcurementFactory(organisation=host_contract.procurement.organisation, status="published")
    response = _get(client, procurement_officer, procurements=other.pk)
    assert response.status_code == 200
    assert [p.pk for p in response.context["report"].procurements] == [other.pk]
    assert _table(response, "people")["Total"] == ["0", "0", "0", "0", "0"]
    assert f"procurements={other.pk}" in response.context["query"]


# --- Cost -------------------------------------------------------------------------------------------------------


@pytest.fixture
def five_procurements(municipality, procurement_officer, supplier):
    """Five awarded procurements of the municipality, each with a contract, a position and two placements."""
    made = []
    for _number in range(5):
        procurement = ProcurementFactory(organisation=municipality, officer=procurement_officer, status="awarded")
        commitment = CommitmentFactory(
            contract__award__winner=TenderFactory(procurement=procurement, organisation=supplier.organisation)
        )
        internship = PositionFactory(contract=commitment.contract)
        for day in (3, 4):
            PlacementFactory(
                participant=ParticipantFactory(municipality=municipality),
                position=internship,
                starts_on=datetime.date(2026, 3, day),
                planned_end_on=datetime.date(2026, 7, day),
                status=Placement.Status.ACTIVE,
            )
        made.append(procurement)
    return made


PAGE_QUERIES = 24


def test_the_page_costs_the_same_queries_for_one_or_five_procurements(
    client, procurement_officer, five_procurements, django_assert_num_queries
):
    client.force_login(procurement_officer)
    client.get(reverse("reports:evaluation"), PERIOD)  # warm the session and the rule caches
    with django_assert_num_queries(PAGE_QUERIES):
        one = client.get(reverse("reports:evaluation"), {**PERIOD, "procurements": [five_procurements[0].pk]})
    with django_assert_num_queries(PAGE_QUERIES):
        five = client.get(reverse("reports:evaluation"), {**PERIOD, "procurements": [p.pk for p in five_procurements]})
    assert one.status_code == five.status_code == 200
    assert len(five.context["report"].procurements) == 5


def test_the_page_and_the_pdf_answer_quickly(client, procurement_officer, five_procurements, placements):
    """Not the benchmark (that runs on generated data in benchmarks/): a guard against a slow chart or PDF. The
    first request of a process also imports matplotlib and WeasyPrint, so it is made before the clock starts, and
    the best of two runs is taken so that a busy machine does not fail it."""
    client.force_login(procurement_officer)
    client.get(reverse("reports:evaluation_pdf"), PERIOD)
    page_seconds = min(_timed(client, "reports:evaluation") for _run in range(2))
    pdf_seconds = min(_timed(client, "reports:evaluation_pdf") for _run in range(2))
    print(f"evaluation page {page_seconds:.2f} s, PDF {pdf_seconds:.2f} s")  # noqa: T201
    assert page_seconds < 2
    assert pdf_seconds < 5


def _timed(client, name) -> float:
    began = time.perf_counter()
    assert client.get(reverse(name), PERIOD).status_code == 200
    return time.perf_counter() - began
