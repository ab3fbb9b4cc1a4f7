"""The social-requirements text for a procurement's documents, and its plain-language summary for the notice.

The document is built once as a small model (sections of facts and paragraphs) and then rendered to HTML,
DOCX and PDF, so the three formats can never say different things. The document is a Swedish legal text
whatever language the user reads the site in, so its fixed wording lives here in Swedish, like the clause
texts in the criteria library, rather than in the gettext catalogue. The public summary is written for the
notice in Swedish and English, so both wordings live here too.
"""

import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import docx
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.text import slugify
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from insteg.lib.pdf import refuse_fetch
from insteg.procurement.models import (
    EmploymentAlternative,
    LegalInstrument,
    Procurement,
    RequirementKind,
    SocialRequirement,
)
from insteg.rules.models import ContractType, Procedure, Regime

DRAFT_MARK = "UTKAST"
PRINT_STYLESHEET = Path(__file__).parent / "document_print.css"
NBSP = "\u00a0"

CONTRACT_TYPES_SV = {
    ContractType.GOODS: "Varor",
    ContractType.SERVICES: "Tjänster",
    ContractType.WORKS: "Byggentreprenad",
    ContractType.SOCIAL_SERVICES: "Sociala tjänster och andra särskilda tjänster",
}
PROCEDURES_SV = {
    Procedure.OPEN: "Öppet förfarande",
    Procedure.RESTRICTED: "Selektivt förfarande",
    Procedure.NEGOTIATED_WITH_NOTICE: "Förhandlat förfarande med föregående annonsering",
    Procedure.COMPETITIVE_DIALOGUE: "Konkurrenspräglad dialog",
    Procedure.INNOVATION_PARTNERSHIP: "Innovationspartnerskap",
    Procedure.NEGOTIATED_WITHOUT_NOTICE: "Förhandlat förfarande utan föregående annonsering",
    Procedure.BELOW_THRESHOLD: "Annonserad upphandling under tröskelvärdet (19 kap. LOU)",
    Procedure.DIRECT_AWARD: "Direktupphandling (19 a kap. LOU)",
}
LEGAL_INSTRUMENTS_SV = {
    LegalInstrument.TECHNICAL_SPECIFICATION: "Teknisk specifikation (9 kap. LOU)",
    LegalInstrument.SELECTION_CRITERION: "Kvalificeringskrav (14 kap. LOU)",
    LegalInstrument.AWARD_CRITERION: "Tilldelningskriterium (16 kap. LOU)",
    LegalInstrument.PERFORMANCE_CONDITION: "Särskilt kontraktsvillkor (17 kap. 1 § LOU)",
    LegalInstrument.LABOUR_CONDITIONS: "Arbetsrättsliga villkor (17 kap. 2 § och följande LOU)",
    LegalInstrument.RESERVED_PARTICIPATION: "Reserverat deltagande (4 kap. 18 § LOU)",
    LegalInstrument.RESERVED_EXECUTION: "Reserverat utförande (4 kap. 18 § 2 LOU)",
}


# --- The document model ---------------------------------------------------------------------------------


def keep_references_together(text: str) -> str:
    """'4 kap. 14 § LOU' never splits over two lines: no-break spaces inside legal references."""
    text = re.sub(r"(\d) (kap\.|§)", f"\\1{NBSP}\\2", text)
    return re.sub(r"(kap\.|§) (\d|LOU)", f"\\1{NBSP}\\2", text)


@dataclass(frozen=True)
class Fact:
    label: str
    value: str

    def __post_init__(self):
        object.__setattr__(self, "label", keep_references_together(self.label))
        object.__setattr__(self, "value", keep_references_together(self.value))


@dataclass(frozen=True)
class Facts:
    """Label and value pairs: a definition list in HTML, bold labels in DOCX."""

    items: tuple[Fact, ...]
    kind: str = "facts"


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "paragraph"

    def __post_init__(self):
        object.__setattr__(self, "text", keep_references_together(self.text))


@dataclass(frozen=True)
class Section:
    heading: str
    level: int  # 1 for a section of the document, 2 for a part of one (a requirement)
    blocks: tuple[Facts | Paragraph, ...] = ()
    appendix: bool = False


@dataclass(frozen=True)
class Document:
    title: str
    reference: str
    organisation: str
    is_draft: bool
    sections: tuple[Section, ...] = field(default_factory=tuple)
    language: str = "sv"

    @property
    def draft_mark(self) -> str:
        return DRAFT_MARK if self.is_draft else ""

    @property
    def draft_note(self) -> str:
        return "Dokumentet är ett utkast. Kraven är inte fastställda och kan ändras." if self.is_draft else ""


# --- Building the document --------------------------------------------------------------------------------


def load_requirements(procurement: Procurement) -> list[SocialRequirement]:
    """Requirements and lots in two queries, however many there are; later calls reuse them."""
    if "requirements" not in getattr(procurement, "_prefetched_objects_cache", {}):
        prefetch_related_objects(
            [procurement],
            Prefetch("requirements", queryset=SocialRequirement.objects.select_related("criterion", "lot", "preset")),
            "lots",
        )
    return list(procurement.requirements.all())


def requirements_document(procurement: Procurement, *, appendix: bool = True) -> Document:
    """The social requirements of `procurement` as a Swedish document; `appendix` adds the proportionality one."""
    requirements = load_requirements(procurement)
    sections = [
        _procurement_section(procurement),
        *_dates_section(procurement),
        _lots_section(procurement),
        _requirements_intro(requirements),
        *(_requirement_section(number, requirement) for number, requirement in enumerate(requirements, 1)),
    ]
    if appendix and requirements:
        sections += _proportionality_appendix(requirements)
    return Document(
        title=f"Sociala krav – {procurement.title}",
        reference=procurement.reference,
        organisation=procurement.organisation.name,
        is_draft=procurement.is_draft,
        sections=tuple(sections),
    )


def _procurement_section(procurement: Procurement) -> Section:
    procedure = PROCEDURES_SV.get(procurement.procedure, procurement.get_procedure_display())
    if procurement.accelerated:
        procedure += ", påskyndat"
    facts = [
        Fact("Upphandling", procurement.title),
        Fact("Diarienummer", procurement.reference),
        Fact("Upphandlande myndighet", procurement.organisation.name),
        Fact("Kontraktstyp", CONTRACT_TYPES_SV.get(procurement.contract_type, procurement.get_contract_type_display())),
        Fact("CPV-kod", procurement.cpv_main),
    ]
    if procurement.cpv_additional:
        facts.append(Fact("Ytterligare CPV-koder", ", ".join(procurement.cpv_additional)))
    facts += [
        Fact("Uppskattat värde", f"{format_sek(procurement.estimated_value_sek)} exklusive moms, inklusive optioner"),
        Fact("Avtalstid", f"{procurement.duration_months} månader inklusive eventuella förlängningar"),
        Fact("Förfarande", procedure),
    ]
    blocks: list[Facts | Paragraph] = [Facts(tuple(facts))]
    if procurement.description:
        blocks.append(Paragraph(procurement.description))
    return Section("Upphandlingen", 1, tuple(blocks))


def _dates_section(procurement: Procurement) -> list[Section]:
    dates = [
        ("Annonsen skickad", procurement.notice_sent),
        ("Sista dag för frågor", procurement.question_deadline),
        ("Sista dag för anbud", procurement.tender_deadline),
    ]
    facts = tuple(Fact(label, format_date(day)) for label, day in dates if day)
    return [Section("Tidpunkter", 1, (Facts(facts),))] if facts else []


def _lots_section(procurement: Procurement) -> Section:
    lots = list(procurement.lots.all())
    if lots:
        items = tuple(Fact(f"Delkontrakt {lot.number}", _lot_value(lot.title, lot.estimated_value_sek)) for lot in lots)
        return Section("Delkontrakt", 1, (Paragraph("Upphandlingen är uppdelad i delkontrakt."), Facts(items)))
    blocks = [Paragraph("Upphandlingen är inte uppdelad i delkontrakt.")]
    reason = procurement.lots_not_divided_reason.strip()
    if reason or _must_explain_lots(procurement):
        # An empty reason shows as a bracketed gap, as a missing clause value does, for the officer to fill.
        blocks.append(
            Facts((Fact("Skäl att inte dela upp i delkontrakt (4 kap. 14 § LOU)", reason or "[skäl saknas]"),))
        )
    return Section("Delkontrakt", 1, tuple(blocks))


def _must_explain_lots(procurement: Procurement) -> bool:
    """4 kap. 14 § LOU: above the threshold, an undivided contract needs a reason; social services are exempt."""
    return procurement.regime == Regime.ABOVE_THRESHOLD and procurement.contract_type != ContractType.SOCIAL_SERVICES


def _lot_value(title: str, value: int | None) -> str:
    return f"{title} (uppskattat värde {format_sek(value)})" if value else title


def _requirements_intro(requirements: list[SocialRequirement]) -> Section:
    if not requirements:
        text = "Upphandlingen innehåller inga sociala krav."
    else:
        text = (
            "Den upphandlande myndigheten ställer följande sociala krav. För varje krav anges typ av krav och "
            "lagrum i lagen (2016:1145) om offentlig upphandling (LOU), vad kravet gäller och hur det följs upp."
        )
    return Section("Sociala krav", 1, (Paragraph(text),))


def _requirement_section(number: int, requirement: SocialRequirement) -> Section:
    criterion = requirement.criterion
    facts = [
        Fact("Typ av krav", LEGAL_INSTRUMENTS_SV.get(criterion.legal_instrument, criterion.legal_instrument)),
        Fact("Lagrum", criterion.lou_reference),
        Fact("Gäller", _applies_to(requirement)),
    ]
    if requirement.needs_slots:
        facts.append(Fact("Antal platser", _placements(requirement)))
    blocks: list[Facts | Paragraph] = [Facts(tuple(facts))]
    blocks += [Paragraph(text) for text in _paragraphs(requirement.rendered_clause())]
    blocks.append(Facts((Fact("Så följs kravet upp", criterion.verification_sv),)))
    return Section(f"Krav {number}: {criterion.title_sv}", 2, tuple(blocks))


def _applies_to(requirement: SocialRequirement) -> str:
    lot = requirement.lot
    return f"Delkontrakt {lot.number}: {lot.title}" if lot else "Hela kontraktet"


def _placements(requirement: SocialRequirement) -> str:
    if requirement.slots_decided is None:
        return "[antal platser är inte beslutat]"
    text = _count(requirement.slots_decided, "plats", "platser")
    if requirement.months_fulltime:
        text += f", sammanlagt minst {requirement.months_fulltime} månader på heltid"
    return text


def _proportionality_appendix(requirements: list[SocialRequirement]) -> list[Section]:
    intro = Paragraph(
        "Bilagan redovisar den upphandlande myndighetens bedömning av att varje krav står i proportion till "
        "kontraktets omfattning och längd (proportionalitetsprincipen, 4 kap. 1 § LOU)."
    )
    sections = [Section("Bilaga: Proportionalitetsbedömning", 1, (intro,), appendix=True)]
    for number, requirement in enumerate(requirements, 1):
        facts = []
        if requirement.needs_slots:
            if requirement.slots_suggested is not None:
                suggested = _count(requirement.slots_suggested, "plats", "platser")
                if requirement.preset:
                    suggested += f" (modell: {requirement.preset.name_sv})"
                facts.append(Fact("Föreslaget antal platser", suggested))
            facts.append(Fact("Beslutat antal platser", _placements(requirement)))
        if requirement.suggestion_explanation.strip():
            facts.append(Fact("Så togs förslaget fram", requirement.suggestion_explanation.strip()))
        facts.append(Fact("Motivering", requirement.rationale.strip() or "[motivering saknas]"))
        sections.append(
            Section(f"Krav {number}: {requirement.criterion.title_sv}", 2, (Facts(tuple(facts)),), appendix=True)
        )
    return sections


# --- Rendering ----------------------------------------------------------------------------------------------


def render_html(document: Document, *, heading_offset: int = 1) -> str:
    """The document's body as HTML; heading_offset is the level of its title (2 inside a page with its own h1)."""
    return render_to_string("procurement/document_body.html", {"document": document, "offset": heading_offset})


def render_pdf(procurement: Procurement, *, appendix: bool = True) -> bytes:
    # Imported here: WeasyPrint loads pango and fonts, which only the PDF download needs.
    from weasyprint import CSS, HTML

    document = requirements_document(procurement, appendix=appendix)
    html = render_to_string("procurement/document_pdf.html", {"document": document})
    stylesheet = CSS(string=PRINT_STYLESHEET.read_text(encoding="utf-8"), url_fetcher=refuse_fetch)
    return HTML(string=html, url_fetcher=refuse_fetch).write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1")


def render_docx(procurement: Procurement, *, appendix: bool = True) -> bytes:
    document = requirements_document(procurement, appendix=appendix)
    return docx_bytes(document)


def docx_bytes(document: Document) -> bytes:
    word = docx.Document()
    _set_language(word, "sv-SE")
    word.core_properties.title = document.title
    word.core_properties.author = document.organisation
    word.core_properties.language = "sv-SE"
    word.styles["Normal"].font.size = Pt(11)
    page = word.sections[0]
    page.header.paragraphs[0].text = f"{document.organisation} · {document.reference}"
    if document.is_draft:
        page.header.add_paragraph().add_run(DRAFT_MARK).bold = True
    word.add_heading(document.title, level=0)
    if document.is_draft:
        mark = word.add_paragraph()
        mark.add_run(f"{DRAFT_MARK}. ").bold = True
        mark.add_run(document.draft_note)
    for section in document.sections:
        if section.appendix and section.level == 1:
            word.add_page_break()
        word.add_heading(section.heading, level=section.level)
        for block in section.blocks:
            if isinstance(block, Facts):
                for fact in block.items:
                    paragraph = word.add_paragraph()
                    paragraph.add_run(f"{fact.label}: ").bold = True
                    paragraph.add_run(fact.value)
            else:
                word.add_paragraph(block.text)
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()


def _set_language(word, language: str) -> None:
    """Mark the text as Swedish, so screen readers pronounce it and spelling checks use the right dictionary."""
    run_properties = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), language)


def download_filename(procurement: Procurement, extension: str, *, appendix: bool = True) -> str:
    """`ks-2026-0012-sociala-krav.docx`: the reference, made safe for a file name."""
    suffix = "sociala-krav" if appendix else "sociala-krav-utan-bilaga"
    stem = slugify(procurement.reference.replace("/", "-"), allow_unicode=True) or f"upphandling-{procurement.pk}"
    return f"{stem}-{suffix}.{extension}"


# --- Plain-language summary for the notice ------------------------------------------------------------------

SUMMARY_TEXTS = {
    "sv": {
        "none": "Upphandlingen innehåller inga sociala krav.",
        "some": "Upphandlingen innehåller sociala krav.",
        "lot": "Delkontrakt {number}: {sentence}",
        "interns_each": "Den som får uppdraget ska ta emot {count} i minst {months} månader var.",
        "interns_total": "Den som får uppdraget ska ta emot {count}, sammanlagt minst {months} månader.",
        "interns": "Den som får uppdraget ska ta emot {count}.",
        "jobs_total": (
            "Den som får uppdraget ska ge {what} till personer som har svårt att få jobb, sammanlagt minst "
            "{months} månader på heltid, fördelat på {count}."
        ),
        "jobs": "Den som får uppdraget ska ge {what} till personer som har svårt att få jobb, {count}.",
        "undecided": "Antalet platser är inte bestämt ännu.",
        "first_start": "Den första personen ska börja senast {months} månader efter att avtalet har börjat gälla.",
        "dialogue": (
            "Den som får uppdraget ska prata med {organisation} om att ge jobb eller praktik till personer som "
            "har svårt att få jobb."
        ),
        "bonus": "Den som ger jobb till fler personer än kravet, eller arbetar för jämställdhet, kan få en bonus.",
        "labour": ("De som arbetar i uppdraget ska få minst den lön, semester och arbetstid som kollektivavtalet ger."),
        "reserved": (
            "Bara företag och organisationer där minst {percent} % av de anställda har haft svårt att få jobb "
            "kan lämna anbud."
        ),
        "plain": "Den som får uppdraget ska följa krav om {titles}.",
        "show": "Den som får uppdraget ska kunna visa att kraven följs.",
        "no_placements": "Det finns inget krav på att ta emot praktikanter eller att anställa.",
        "help": (
            "{organisation} hjälper till att hitta rätt person till rätt plats och erbjuder utbildning för handledare."
        ),
        "and": "och",
        "intern": ("praktikant", "praktikanter"),
        "place": ("plats", "platser"),
        "what": {"a": "jobb", "b": "lärlingsplatser", "c": "praktik", "mixed": "jobb, lärlingsplatser eller praktik"},
    },
    "en": {
        "none": "This procurement has no social requirements.",
        "some": "This procurement has social requirements.",
        "lot": "Lot {number}: {sentence}",
        "interns_each": "The winning supplier must take on {count} for at least {months} months each.",
        "interns_total": "The winning supplier must take on {count}, for at least {months} months in total.",
        "interns": "The winning supplier must take on {count}.",
        "jobs_total": (
            "The winning supplier must give {what} to people who find it hard to get work, at least {months} "
            "months of full-time work in total, shared between {count}."
        ),
        "jobs": "The winning supplier must give {what} to people who find it hard to get work, {count}.",
        "undecided": "The number of places has not been decided yet.",
        "first_start": "The first person must start no later than {months} months after the contract begins.",
        "dialogue": (
            "The winning supplier must talk with {organisation} about giving jobs or internships to people who "
            "find it hard to get work."
        ),
        "bonus": (
            "A supplier who gives work to more people than required, or works for gender equality, may get a bonus."
        ),
        "labour": (
            "People working on the contract must get at least the pay, holidays and working hours of the "
            "collective agreement."
        ),
        "reserved": (
            "Only companies and organisations where at least {percent} % of the employees have found it hard "
            "to get work may tender."
        ),
        "plain": "The winning supplier must meet requirements on {titles}.",
        "show": "The winning supplier must be able to show that the requirements are met.",
        "no_placements": "There is no requirement to take on interns or to employ anyone.",
        "help": (
            "{organisation} helps to find the right person for the right place and offers training for supervisors."
        ),
        "and": "and",
        "intern": ("intern", "interns"),
        "place": ("place", "places"),
        "what": {
            "a": "jobs",
            "b": "apprenticeships",
            "c": "internships",
            "mixed": "jobs, apprenticeships or internships",
        },
    },
}

_PLACEMENT_KINDS = {
    RequirementKind.EMPLOYMENT_NUMERIC,
    RequirementKind.EMPLOYMENT_DIALOGUE,
    RequirementKind.EMPLOYMENT_BONUS,
}


def public_summary(procurement: Procurement, language: str = "sv") -> str:
    """A short text for the notice: whether social requirements are imposed and what they mean for a supplier."""
    return " ".join(summary_sentences(procurement, language))


def summary_sentences(procurement: Procurement, language: str = "sv") -> list[str]:
    texts = SUMMARY_TEXTS["en" if language == "en" else "sv"]
    requirements = load_requirements(procurement)
    if not requirements:
        return [texts["none"]]
    organisation = procurement.organisation.name
    sentences = [texts["some"]]
    plain_titles = []
    for requirement in requirements:
        kind = requirement.criterion.requirement_kind
        if kind == RequirementKind.PLAIN:
            plain_titles.append(requirement.criterion.title_en if language == "en" else requirement.criterion.title_sv)
            continue
        for sentence in _requirement_sentences(requirement, texts, organisation):
            lot = requirement.lot
            sentence = texts["lot"].format(number=lot.number, sentence=sentence) if lot else sentence
            if sentence not in sentences:  # two requirements may say the same thing to a supplier: say it once
                sentences.append(sentence)
    if plain_titles:
        titles = _join([_lower_first(title) for title in plain_titles], texts["and"])
        sentences += [texts["plain"].format(titles=titles), texts["show"]]
    if any(requirement.criterion.requirement_kind in _PLACEMENT_KINDS for requirement in requirements):
        sentences.append(texts["help"].format(organisation=organisation))
    else:
        sentences.append(texts["no_placements"])
    return sentences


def _requirement_sentences(requirement: SocialRequirement, texts: dict, organisation: str) -> list[str]:
    kind = requirement.criterion.requirement_kind
    if kind == RequirementKind.EMPLOYMENT_NUMERIC:
        return _numeric_sentences(requirement, texts)
    if kind == RequirementKind.EMPLOYMENT_DIALOGUE:
        return [texts["dialogue"].format(organisation=organisation)]
    if kind == RequirementKind.EMPLOYMENT_BONUS:
        return [texts["bonus"]]
    if kind == RequirementKind.LABOUR_CONDITIONS:
        return [texts["labour"]]
    if kind == RequirementKind.RESERVED:
        return [texts["reserved"].format(percent=requirement.target_group_share_percent)]
    return []


def _numeric_sentences(requirement: SocialRequirement, texts: dict) -> list[str]:
    slots, months = requirement.slots_decided, requirement.months_fulltime
    if not slots:
        return [texts["undecided"]]
    alternatives = set(requirement.alternatives) & set(EmploymentAlternative.values)
    if alternatives == {EmploymentAlternative.INTERNSHIP}:
        interns = _count(slots, *texts["intern"])
        if months and months % slots == 0:
            sentence = texts["interns_each"].format(count=interns, months=months // slots)
        elif months:
            sentence = texts["interns_total"].format(count=interns, months=months)
        else:
            sentence = texts["interns"].format(count=interns)
    else:
        what = texts["what"][alternatives.pop() if len(alternatives) == 1 else "mixed"]
        places = _count(slots, *texts["place"])
        key = "jobs_total" if months else "jobs"
        sentence = texts[key].format(what=what, months=months, count=places)
    return [sentence, texts["first_start"].format(months=requirement.first_start_within_months)]


# --- Formatting ---------------------------------------------------------------------------------------------


def format_sek(amount: int | None) -> str:
    """12 500 000 kr, with no-break spaces so the number never splits over two lines."""
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", NBSP) + f"{NBSP}kr"


def format_date(day: datetime.date) -> str:
    return day.isoformat()


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def _join(items: list[str], conjunction: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _lower_first(title: str) -> str:
    """'Rättvis handel' reads 'rättvis handel' mid-sentence; 'ILO:s kärnkonventioner' keeps its capitals."""
    if len(title) > 1 and title[0].isupper() and not title[1].isupper():
        return title[0].lower() + title[1:]
    return title


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"\n\s*\n|\n", text) if part.strip()]
