"""The requirement document: the same Swedish text on the page, in the DOCX and in the PDF, read back from files."""

import datetime
import io
import subprocess

import docx
import pytest
from django.urls import reverse

from insteg.procurement import documents
from insteg.procurement.models import LegalInstrument, Lot, Procurement, RequirementKind, Theme
from insteg.procurement.tests.factories import CriterionFactory, ProcurementFactory, SocialRequirementFactory
from insteg.rules.models import ContractType, Procedure, Regime

INTERNSHIP_CLAUSE = (
    "Sysselsättningsfrämjande kontraktsvillkor. Leverantören åtar sig att under avtalstiden ta emot {slots} "
    "praktikanter i målgruppen {target_groups}, motsvarande sammanlagt minst {months_fulltime} månader. Den första "
    "placeringen ska ha påbörjats senast {first_start_within_months} månader efter avtalsstart."
)
EMPLOYMENT_CLAUSE = (
    "Leverantören åtar sig att erbjuda anställning enligt {alternatives}, motsvarande sammanlagt minst "
    "{months_fulltime} månader på heltid fördelat på {slots} platser. Leverantören rapporterar {reporting_frequency}."
)


def normalised(text: str) -> str:
    """Runs of whitespace (line breaks, no-break spaces) as one space, as a reader sees them."""
    return " ".join(text.split())


def docx_text(content: bytes) -> tuple[list[tuple[str, str]], str]:
    word = docx.Document(io.BytesIO(content))
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    header = "\n".join(p.text for p in word.sections[0].header.paragraphs)
    body = "\n".join(p.text for p in word.paragraphs)
    return headings, normalised(f"{header}\n{body}")


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "dokument.pdf"
    path.write_bytes(content)
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)  # noqa: S603, S607
    return normalised(result.stdout.decode("utf-8"))


@pytest.fixture
def renovation(municipality, procurement_officer):
    """The first pilot: a works contract where the winner takes 4 interns for at least 4 months each."""
    procurement = ProcurementFactory(
        organisation=municipality,
        officer=procurement_officer,
        reference="KS 2026/0101",
        title="Ombyggnad av Palmcrantzskolans lokaler",
        contract_type=ContractType.WORKS,
        cpv_main="45214200-2",
        estimated_value_sek=12_500_000,
        duration_months=14,
        procedure=Procedure.BELOW_THRESHOLD,
        regime=Regime.BELOW_THRESHOLD,
    )
    criterion = CriterionFactory(
        code="sysselsattningskrav-praktik",
        title_sv="Sysselsättningskrav: praktikplatser",
        title_en="Employment requirement: internships",
        text_sv=INTERNSHIP_CLAUSE,
        verification_sv="Leverantören rapporterar månadsvis antal praktikanter och fullgjorda månader.",
    )
    SocialRequirementFactory(
        procurement=procurement,
        criterion=criterion,
        clause_text=INTERNSHIP_CLAUSE,
        target_groups=["long_term_unemployed"],
        alternatives=["c"],
        slots_suggested=4,
        slots_decided=4,
        months_fulltime=16,
        rationale="Fyra praktikplatser i fyra månader ryms väl i ett byggprojekt på fjorton månader.",
    )
    return procurement


@pytest.fixture
def cleaning(municipality, procurement_officer):
    """The second pilot: cleaning services with a numeric employment requirement (alternative a)."""
    procurement = ProcurementFactory(
        organisation=municipality,
        officer=procurement_officer,
        reference="KS 2026/0102",
        title="Lokalvård i kommunens förskolor",
    )
    criterion = CriterionFactory(
        code="sysselsattningskrav-anstallning",
        title_sv="Sysselsättningskrav: anställning",
        title_en="Employment requirement: employment",
        text_sv=EMPLOYMENT_CLAUSE,
    )
    SocialRequirementFactory(
        procurement=procurement,
        criterion=criterion,
        clause_text=EMPLOYMENT_CLAUSE,
        alternatives=["a"],
        slots_decided=2,
        months_fulltime=24,
    )
    return procurement


@pytest.fixture
def food(municipality, procurement_officer):
    """The third pilot: a food supply with fair-trade and ILO requirements and no placements."""
    procurement = ProcurementFactory(
        organisation=municipality,
        officer=procurement_officer,
        reference="KS 2026/0103",
        title="Livsmedel till skolköken",
        contract_type=ContractType.GOODS,
        cpv_main="15000000-8",
    )
    for code, title_sv, title_en, theme in [
        ("rattvis-handel", "Rättvis handel", "Fair trade", Theme.FAIR_TRADE),
        ("ilo-karnkonventioner", "ILO:s kärnkonventioner", "ILO core conventions", Theme.SUPPLY_CHAIN),
    ]:
        criterion = CriterionFactory(
            code=code,
            title_sv=title_sv,
            title_en=title_en,
            theme=theme,
            requirement_kind=RequirementKind.PLAIN,
            legal_instrument=LegalInstrument.PERFORMANCE_CONDITION,
            text_sv=f"Leverantören ska säkerställa att varorna uppfyller kravet om {title_sv.lower()}.",
            suits_goods=True,
        )
        SocialRequirementFactory(
            procurement=procurement,
            criterion=criterion,
            target_groups=[],
            alternatives=[],
            months_fulltime=None,
            slots_suggested=None,
            slots_decided=None,
        )
    return procurement


def publish(procurement: Procurement) -> Procurement:
    Procurement.objects.filter(pk=procurement.pk).update(status=Procurement.Status.PUBLISHED)
    procurement.refresh_from_db()
    return procurement


# --- The document in each format ---------------------------------------------------------------------------


def test_docx_has_the_headings_the_clause_with_the_decided_number_and_the_lou_reference(renovation):
    headings, text = docx_text(documents.render_docx(renovation))

    assert ("Title", "Sociala krav – Ombyggnad av Palmcrantzskolans lokaler") in headings
    assert [title for _style, title in headings if _style == "Heading 1"] == [
        "Upphandlingen",
        "Tidpunkter",
        "Delkontrakt",
        "Sociala krav",
        "Bilaga: Proportionalitetsbedömning",
    ]
    assert ("Heading 2", "Krav 1: Sysselsättningskrav: praktikplatser") in headings
    assert "ta emot 4 praktikanter i målgruppen" in text
    assert "minst 16 månader" in text
    assert "Antal platser: 4 platser, sammanlagt minst 16 månader på heltid" in text
    assert "Lagrum: 17 kap. 1 § LOU" in text
    assert "Typ av krav: Särskilt kontraktsvillkor (17 kap. 1 § LOU)" in text
    assert "Gäller: Hela kontraktet" in text
    assert "Så följs kravet upp: Leverantören rapporterar månadsvis antal praktikanter" in text
    assert "Uppskattat värde: 12 500 000 kr exklusive moms" in text
    assert "Diarienummer: KS 2026/0101" in text
    assert "Upphandlande myndighet: Östersunds kommun" in text
    assert "Kontraktstyp: Byggentreprenad" in text
    assert "Sista dag för anbud: 2026-04-10" in text
    assert "Motivering: Fyra praktikplatser i fyra månader" in text


def test_pdf_says_the_same_as_the_docx_with_swedish_characters(renovation, tmp_path):
    content = documents.render_pdf(renovation)

    assert content.startswith(b"%PDF")
    text = pdf_text(content, tmp_path)
    assert "Sociala krav – Ombyggnad av Palmcrantzskolans lokaler" in text
    assert "Krav 1: Sysselsättningskrav: praktikplatser" in text
    assert "ta emot 4 praktikanter i målgruppen" in text
    assert "4 platser, sammanlagt minst 16 månader på heltid" in text
    assert "17 kap. 1 § LOU" in text
    assert "Särskilt kontraktsvillkor" in text
    assert "12 500 000 kr" in text
    assert "Östersunds kommun" in text
    assert "Bilaga: Proportionalitetsbedömning" in text
    assert "Fyra praktikplatser i fyra månader ryms väl" in text
    assert "Sida 1 av" in text


def test_html_page_shows_the_document_the_summary_and_both_downloads(client, procurement_officer, renovation):
    client.force_login(procurement_officer)

    response = client.get(reverse("procurement:document", args=[renovation.pk]))

    assert response.status_code == 200
    page = normalised(response.content.decode())
    assert page.count("<h1") == 1
    assert '<article class="requirement-document" lang="sv"' in page
    assert "Krav 1: Sysselsättningskrav: praktikplatser" in page
    assert "ta emot 4 praktikanter i målgruppen" in page
    assert "17 kap. 1 § LOU" in page
    assert "12 500 000 kr" in page
    assert "Den som får uppdraget ska ta emot 4 praktikanter i minst 4 månader var." in page
    assert "The winning supplier must take on 4 interns for at least 4 months each." in page
    assert 'lang="en"' in page
    assert f'href="{reverse("procurement:document_docx", args=[renovation.pk])}"' in page
    assert f'href="{reverse("procurement:document_pdf", args=[renovation.pk])}"' in page
    assert "DOCX, in Swedish" in page or "DOCX, på svenska" in page


def test_a_draft_is_marked_in_all_three_formats_and_a_published_one_is_not(
    client, procurement_officer, renovation, tmp_path
):
    client.force_login(procurement_officer)
    _headings, docx_draft = docx_text(documents.render_docx(renovation))
    page = client.get(reverse("procurement:document", args=[renovation.pk])).content.decode()

    assert "UTKAST" in docx_draft
    assert "UTKAST" in pdf_text(documents.render_pdf(renovation), tmp_path)
    assert 'class="draft-mark message"' in page
    assert "UTKAST" in page

    publish(renovation)
    _headings, docx_published = docx_text(documents.render_docx(renovation))
    assert "UTKAST" not in docx_published
    assert "UTKAST" not in pdf_text(documents.render_pdf(renovation), tmp_path)
    assert "UTKAST" not in client.get(reverse("procurement:document", args=[renovation.pk])).content.decode()


def test_the_appendix_can_be_left_out_of_the_copy_for_suppliers(client, procurement_officer, renovation, tmp_path):
    client.force_login(procurement_officer)
    _headings, text = docx_text(documents.render_docx(renovation, appendix=False))

    assert "Proportionalitetsbedömning" not in text
    assert "Fyra praktikplatser i fyra månader" not in text
    assert "Proportionalitetsbedömning" not in pdf_text(documents.render_pdf(renovation, appendix=False), tmp_path)
    page = client.get(reverse("procurement:document", args=[renovation.pk]), {"bilaga": "0"}).content.decode()
    assert "Proportionalitetsbedömning" not in page
    response = client.get(reverse("procurement:document_docx", args=[renovation.pk]), {"bilaga": "0"})
    assert "Proportionalitetsbedömning" not in docx_text(response.content)[1]
    assert 'filename="ks-2026-0101-sociala-krav-utan-bilaga.docx"' in response["Content-Disposition"]


def test_a_procurement_without_requirements_gives_a_document_that_says_so(
    client, procurement_officer, municipality, tmp_path
):
    procurement = ProcurementFactory(organisation=municipality, officer=procurement_officer, reference="KS 2026/7")
    client.force_login(procurement_officer)

    _headings, text = docx_text(documents.render_docx(procurement))

    assert "Upphandlingen innehåller inga sociala krav." in text
    assert "Proportionalitetsbedömning" not in text
    assert "Upphandlingen innehåller inga sociala krav." in pdf_text(documents.render_pdf(procurement), tmp_path)
    response = client.get(reverse("procurement:document", args=[procurement.pk]))
    assert response.status_code == 200
    assert "Upphandlingen innehåller inga sociala krav." in response.content.decode()
    assert "This procurement has no social requirements." in response.content.decode()


def test_requirement_for_a_lot_names_the_lot(renovation):
    lot = Lot.objects.create(procurement=renovation, number=2, title="Verkstäder och förråd")
    renovation.requirements.update(lot=lot)

    _headings, text = docx_text(documents.render_docx(renovation))

    assert "Gäller: Delkontrakt 2: Verkstäder och förråd" in text
    assert "Delkontrakt 2: Verkstäder och förråd" in text
    assert "inte uppdelad" not in text
    summary = documents.public_summary(renovation)
    assert "Delkontrakt 2: Den som får uppdraget ska ta emot 4 praktikanter" in summary


def test_an_undivided_contract_above_the_threshold_states_the_reason_or_shows_it_is_missing(cleaning):
    _headings, text = docx_text(documents.render_docx(cleaning))
    assert "Skäl att inte dela upp i delkontrakt (4 kap. 14 § LOU): [skäl saknas]" in text

    cleaning.lots_not_divided_reason = "Uppdraget kräver en samordnad städorganisation för alla förskolor."
    cleaning.save()
    _headings, text = docx_text(documents.render_docx(cleaning))
    assert "(4 kap. 14 § LOU): Uppdraget kräver en samordnad städorganisation" in text


def test_an_undivided_contract_below_the_threshold_needs_no_reason(renovation):
    _headings, text = docx_text(documents.render_docx(renovation))

    assert "Upphandlingen är inte uppdelad i delkontrakt." in text
    assert "4 kap. 14 §" not in text


# --- The plain-language summary for the notice --------------------------------------------------------------


def test_summary_for_four_interns_for_four_months(renovation):
    assert documents.summary_sentences(renovation) == [
        "Upphandlingen innehåller sociala krav.",
        "Den som får uppdraget ska ta emot 4 praktikanter i minst 4 månader var.",
        "Den första personen ska börja senast 6 månader efter att avtalet har börjat gälla.",
        "Östersunds kommun hjälper till att hitta rätt person till rätt plats och erbjuder utbildning för handledare.",
    ]
    assert documents.public_summary(renovation, "en").startswith(
        "This procurement has social requirements. The winning supplier must take on 4 interns for at least 4 "
        "months each."
    )


def test_summary_for_a_numeric_employment_requirement(cleaning):
    assert documents.summary_sentences(cleaning) == [
        "Upphandlingen innehåller sociala krav.",
        "Den som får uppdraget ska ge jobb till personer som har svårt att få jobb, sammanlagt minst 24 månader "
        "på heltid, fördelat på 2 platser.",
        "Den första personen ska börja senast 6 månader efter att avtalet har börjat gälla.",
        "Östersunds kommun hjälper till att hitta rätt person till rätt plats och erbjuder utbildning för handledare.",
    ]
    assert "at least 24 months of full-time work in total, shared between 2 places" in documents.public_summary(
        cleaning, "en"
    )


def test_summary_says_once_what_two_requirements_both_ask_for(cleaning):
    requirement = cleaning.requirements.get()
    SocialRequirementFactory(
        procurement=cleaning, criterion=requirement.criterion, alternatives=["a"], months_fulltime=24
    )

    sentences = documents.summary_sentences(cleaning)

    assert len(sentences) == len(set(sentences)) == 4


def test_summary_for_fair_trade_and_ilo_without_placements(food):
    assert documents.summary_sentences(food) == [
        "Upphandlingen innehåller sociala krav.",
        "Den som får uppdraget ska följa krav om rättvis handel och ILO:s kärnkonventioner.",
        "Den som får uppdraget ska kunna visa att kraven följs.",
        "Det finns inget krav på att ta emot praktikanter eller att anställa.",
    ]
    assert documents.public_summary(food, "en") == (
        "This procurement has social requirements. The winning supplier must meet requirements on fair trade and "
        "ILO core conventions. The winning supplier must be able to show that the requirements are met. There is "
        "no requirement to take on interns or to employ anyone."
    )


def test_summary_when_there_are_no_requirements(municipality):
    procurement = ProcurementFactory(organisation=municipality)

    assert documents.public_summary(procurement) == "Upphandlingen innehåller inga sociala krav."
    assert documents.public_summary(procurement, "en") == "This procurement has no social requirements."


def test_summary_of_an_undecided_numeric_requirement_says_the_number_is_not_decided(cleaning):
    cleaning.requirements.update(slots_decided=None)

    assert "Antalet platser är inte bestämt ännu." in documents.public_summary(cleaning)


# --- Downloads and access ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "content_type", "extension"),
    [
        (
            "procurement:document_docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        ("procurement:document_pdf", "application/pdf", "pdf"),
    ],
)
def test_downloads_are_attachments_named_after_the_reference(
    client, procurement_officer, renovation, route, content_type, extension
):
    client.force_login(procurement_officer)

    response = client.get(reverse(route, args=[renovation.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="ks-2026-0101-sociala-krav.{extension}"; '
        f"filename*=UTF-8''ks-2026-0101-sociala-krav.{extension}"
    )


def test_a_reference_with_swedish_letters_gives_an_ascii_name_and_a_utf8_name(client, procurement_officer, renovation):
    Procurement.objects.filter(pk=renovation.pk).update(reference="Kultur- och fritidsnämnden Ö 2026/5")
    client.force_login(procurement_officer)

    response = client.get(reverse("procurement:document_docx", args=[renovation.pk]))

    assert response["Content-Disposition"] == (
        'attachment; filename="kultur-och-fritidsnamnden-o-2026-5-sociala-krav.docx"; '
        "filename*=UTF-8''kultur-och-fritidsn%C3%A4mnden-%C3%B6-2026-5-sociala-krav.docx"
    )


@pytest.mark.parametrize("route", ["procurement:document", "procurement:document_docx", "procurement:document_pdf"])
def test_supplier_cannot_see_the_document_of_a_draft(client, supplier, renovation, route):
    client.force_login(supplier)

    assert client.get(reverse(route, args=[renovation.pk])).status_code == 404


@pytest.mark.parametrize("route", ["procurement:document", "procurement:document_docx", "procurement:document_pdf"])
def test_supplier_can_read_the_document_of_a_published_procurement(client, supplier, renovation, route):
    publish(renovation)
    client.force_login(supplier)

    assert client.get(reverse(route, args=[renovation.pk])).status_code == 200


@pytest.mark.parametrize("route", ["procurement:document", "procurement:document_docx", "procurement:document_pdf"])
def test_anonymous_visitor_is_sent_to_sign_in(client, renovation, route):
    publish(renovation)

    response = client.get(reverse(route, args=[renovation.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("persona", "draft_status"),
    [
        ("procurement_officer", 200),
        ("matching_officer", 200),
        ("administrator", 200),
        ("supplier", 404),
        ("other_supplier", 404),
        ("employment_officer", 404),
        ("funder", 404),
    ],
    indirect=["persona"],
)
def test_only_the_municipality_sees_the_document_of_a_draft_and_everyone_signed_in_a_published_one(
    client, persona, draft_status, renovation
):
    client.force_login(persona)
    url = reverse("procurement:document", args=[renovation.pk])

    assert client.get(url).status_code == draft_status
    publish(renovation)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [1, 10])
def test_document_page_queries_do_not_grow_with_the_requirements(
    client, procurement_officer, municipality, django_assert_num_queries, count
):
    procurement = ProcurementFactory(organisation=municipality, officer=procurement_officer)
    Lot.objects.create(procurement=procurement, number=1, title="Norr")
    for _ in range(count):
        SocialRequirementFactory(procurement=procurement)
    client.force_login(procurement_officer)

    with django_assert_num_queries(QUERIES_FOR_DOCUMENT_PAGE):
        response = client.get(reverse("procurement:document", args=[procurement.pk]))

    assert response.status_code == 200


QUERIES_FOR_DOCUMENT_PAGE = 6


# --- Formatting and labels ------------------------------------------------------------------------------------


def test_amounts_are_grouped_in_thousands_with_no_break_spaces():
    assert documents.format_sek(12_500_000) == "12\u00a0500\u00a0000\u00a0kr"
    assert documents.format_sek(700_000) == "700\u00a0000\u00a0kr"
    assert documents.format_sek(999) == "999\u00a0kr"


def test_every_contract_type_procedure_and_legal_instrument_has_a_swedish_name():
    assert set(documents.CONTRACT_TYPES_SV) == set(ContractType.values)
    assert set(documents.PROCEDURES_SV) == set(Procedure.values)
    assert set(documents.LEGAL_INSTRUMENTS_SV) == set(LegalInstrument.values)


def test_legal_references_never_split_over_two_lines():
    together = documents.keep_references_together("enligt 4 kap. 14 § LOU.")

    assert together == "enligt 4\u00a0kap.\u00a014\u00a0§\u00a0LOU."


def test_dates_are_written_the_swedish_way():
    assert documents.format_date(datetime.date(2026, 6, 19)) == "2026-06-19"
