"""The procurement officer's whole journey in a real browser: design, suggestion, decision, documents, publish."""

import datetime
import subprocess

import docx
from django.urls import reverse
from django.utils import timezone

from insteg.procurement.models import Procurement
from insteg.rules import deadlines
from insteg.tests.e2e.test_pages_a11y import _assert_accessible, _sign_in


def _fill_procurement(page, notice: datetime.date, tender_deadline: datetime.date) -> None:
    page.fill("#id_reference", "KS 2026/0999")
    page.fill("#id_title", "Lokalvård i stadsdelen Torvalla")
    page.select_option("#id_contract_type", "services")
    page.fill("#id_cpv_main", "90911200-8")
    page.fill("#id_estimated_value_sek", "60 000 000")
    page.fill("#id_duration_months", "48")
    page.select_option("#id_procedure", "open")
    page.fill("#id_lots_not_divided_reason", "Ett sammanhållet område med gemensam arbetsledning.")
    page.fill("#id_notice_sent", notice.isoformat())
    page.fill("#id_tender_deadline", tender_deadline.isoformat())


def test_the_officer_designs_justifies_downloads_and_publishes(live_server, page, procurement_officer, tmp_path):
    base = live_server.url
    notice = timezone.localdate() + datetime.timedelta(days=7)
    too_early = notice + datetime.timedelta(days=14)
    minimum = deadlines.calculate(procedure="open", notice_sent=notice).minimum_tender_deadline
    _sign_in(page, base, procurement_officer, "sv")

    # 1. Create, with a tender deadline shorter than the law allows: saved as a draft, but flagged.
    page.goto(base + reverse("procurement:create"))
    _fill_procurement(page, notice, too_early)
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('Lokalvård i stadsdelen Torvalla')")
    procurement = Procurement.objects.get(reference="KS 2026/0999")
    assert procurement.regime == "above_threshold"
    assert minimum.isoformat() in page.inner_text("main")
    _assert_accessible(page, "sv")

    # 2. Choose the numeric employment requirement from the library, filtered with htmx.
    page.click("text=Lägg till ett krav från kriteriebiblioteket")
    page.fill("#id_q", "sysselsättningskrav")
    page.keyboard.press("Enter")
    page.wait_for_selector("#results h3:has-text('Sysselsättningskrav med åtagande i antal')")
    page.click("#results li:has(h3:has-text('Sysselsättningskrav med åtagande i antal')) button[type=submit]")

    # 3. The suggestion follows Trafikverket's rule of thumb; another preset changes it in place (htmx).
    page.wait_for_selector("#suggestion")
    assert "2" in page.inner_text("#suggestion")
    page.select_option("#id_preset", label="Östersunds pilot")
    page.wait_for_function("document.querySelector('#suggestion').innerText.includes('4')")
    _assert_accessible(page, "sv")

    # 4. Decide and justify.
    page.fill("#id_slots_decided", "3")
    page.check("input[name=target_groups][value=long_term_unemployed]")
    page.check("input[name=alternatives][value=a]")
    page.fill("#id_months_fulltime", "36")
    page.fill("#id_rationale", "Lokalvård är arbetsintensiv; tre anställningar över fyra år är rimligt.")
    page.click("main form button[type=submit] >> text=Bestäm och spara")
    page.wait_for_selector("h1:has-text('Lokalvård i stadsdelen Torvalla')")
    requirement = procurement.requirements.get()
    # The rule of thumb the officer chose is kept with its suggestion, beside the decision.
    assert (requirement.preset.code, requirement.slots_suggested, requirement.slots_decided) == (
        "ostersund-pilot",
        4,
        3,
    )

    # 5. Publishing is refused with the reason: the deadline is before the legal minimum.
    page.click("main a.button >> text=Publicera")
    assert "Upphandlingen kan inte publiceras än" in page.inner_text("main")
    assert minimum.isoformat() in page.inner_text("main")
    _assert_accessible(page, "sv")

    # 6. Move the deadline, download the documents and read them back.
    page.goto(base + reverse("procurement:edit", args=[procurement.pk]))
    page.fill("#id_tender_deadline", (notice + datetime.timedelta(days=45)).isoformat())
    page.click("main button[type=submit]")
    page.goto(base + reverse("procurement:document", args=[procurement.pk]))
    with page.expect_download() as word:
        page.click("a[href$='dokument.docx']")
    word_path = tmp_path / "krav.docx"
    word.value.save_as(word_path)
    text = "\n".join(paragraph.text for paragraph in docx.Document(word_path).paragraphs)
    assert "17 kap. 1 § LOU" in text.replace("\u00a0", " ")
    with page.expect_download() as pdf:
        page.click("a[href$='dokument.pdf']")
    pdf_path = tmp_path / "krav.pdf"
    pdf.value.save_as(pdf_path)
    pdftotext = ["pdftotext", "-enc", "UTF-8", str(pdf_path), "-"]
    pdf_text = subprocess.run(pdftotext, capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    assert "Sysselsättningskrav" in pdf_text

    # 7. Publish.
    page.goto(base + reverse("procurement:publish", args=[procurement.pk]))
    page.click("main form button[type=submit]")
    page.wait_for_selector("h1:has-text('Lokalvård i stadsdelen Torvalla')")
    procurement.refresh_from_db()
    assert procurement.status == "published"
