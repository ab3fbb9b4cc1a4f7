"""The legal rules Insteg starts with, as plain data: each row names its source and how sure that source is.

Facts and certainty levels come from the domain research (docs/domain.md §2.2–2.5 and §3.2). The same
constants feed the data migration (0002_reference_data, with historical models) and
`load_reference_data()` (current models), which the demo and the browser tests call because
`live_server` tests empty the tables. Loading only creates missing rows, found by their natural key, and
never overwrites a row an administrator has edited.

This module imports no models at import time, so the migration can use it.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

VERIFIED, SECONDARY, UNVERIFIED = "verified", "secondary", "unverified"
SUB_CENTRAL, CENTRAL = "sub_central", "central"
GOODS, SERVICES, WORKS, SOCIAL_SERVICES = "goods", "services", "works", "social_services"
EU_THRESHOLD, DIRECT_AWARD_LIMIT = "eu_threshold", "direct_award_limit"

DEFAULT_PRESET_CODE = "trafikverket"

# --- Thresholds (domain.md §2.4) -------------------------------------------------------------------

_SOURCE_2022 = 'Konkurrensverket, "Gamla tröskelvärden" (tröskelvärden enligt LOU 2022–2023)'
_SOURCE_2024 = 'UHM frågeportalen, "Nya beloppsgränser för 2024 – här är listan"; UHM:s nyhet 2023-11-22'
_SOURCE_2026 = "Kommissionens delegerade förordning (EU) 2025/2152 av den 22 oktober 2025 (EUT L, 23.10.2025)"
_URL_2026 = "https://eur-lex.europa.eu/eli/reg_del/2025/2152/oj"
_SOURCE_2026_SOCIAL = (
    "Direktiv 2014/24/EU art. 4 d: 750 000 euro, inte ändrat genom delegerad förordning (EU) 2025/2152 "
    "(ej kontrollerat)"
)
_SOURCE_DIRECT_AWARD = (
    "LOU (2016:1145) 19 a kap.: 700 000 kronor sedan den 1 februari 2022 (UHM 2021; Twobirds 2022); "
    "oförändrat vid 2024 års revidering. Kontrollera senare ändringar."
)
_SOURCE_SOCIAL_DIRECT_AWARD = (
    "LOU (2016:1145) 19 a kap.: för sociala tjänster och andra särskilda tjänster är "
    "direktupphandlingsgränsen lika med tröskelvärdet (sedan den 1 februari 2022)"
)

_PERIODS = {
    # name: (valid_from, valid_to)
    "2022": (date(2022, 1, 1), date(2023, 12, 31)),
    "2024": (date(2024, 1, 1), date(2025, 12, 31)),
    "2026": (date(2026, 1, 1), date(2027, 12, 31)),
}

# (period, buyer categories, contract types, SEK, EUR, source, source address, certainty)
_EU_THRESHOLDS = [
    ("2022", [SUB_CENTRAL], [GOODS, SERVICES], 2_236_731, 215_000, _SOURCE_2022, "", VERIFIED),
    ("2022", [CENTRAL], [GOODS, SERVICES], 1_456_476, None, _SOURCE_2022, "", VERIFIED),
    ("2022", [SUB_CENTRAL, CENTRAL], [WORKS], 55_991_099, None, _SOURCE_2022, "", VERIFIED),
    ("2022", [SUB_CENTRAL, CENTRAL], [SOCIAL_SERVICES], 7_802_550, None, _SOURCE_2022, "", VERIFIED),
    ("2024", [SUB_CENTRAL], [GOODS, SERVICES], 2_389_585, 221_000, _SOURCE_2024, "", VERIFIED),
    ("2024", [CENTRAL], [GOODS, SERVICES], 1_546_202, 143_000, _SOURCE_2024, "", VERIFIED),
    ("2024", [SUB_CENTRAL, CENTRAL], [WORKS], 59_880_179, 5_538_000, _SOURCE_2024, "", VERIFIED),
    ("2024", [SUB_CENTRAL, CENTRAL], [SOCIAL_SERVICES], 8_109_450, 750_000, _SOURCE_2024, "", VERIFIED),
    # 2026–2027: the official SEK values (Commission Communication C/2025/7081) were not read, so only EUR.
    ("2026", [SUB_CENTRAL], [GOODS, SERVICES], None, 216_000, _SOURCE_2026, _URL_2026, VERIFIED),
    ("2026", [CENTRAL], [GOODS, SERVICES], None, 140_000, _SOURCE_2026, _URL_2026, VERIFIED),
    ("2026", [SUB_CENTRAL, CENTRAL], [WORKS], None, 5_404_000, _SOURCE_2026, _URL_2026, VERIFIED),
    ("2026", [SUB_CENTRAL, CENTRAL], [SOCIAL_SERVICES], None, 750_000, _SOURCE_2026_SOCIAL, "", UNVERIFIED),
]

DIRECT_AWARD_LIMIT_SEK = 700_000
DIRECT_AWARD_LIMIT_FROM = date(2022, 2, 1)


def _threshold(kind, buyer_category, contract_type, *, period, sek, eur, source, url="", certainty=VERIFIED):
    valid_from, valid_to = period
    return {
        "law": "LOU",
        "kind": kind,
        "buyer_category": buyer_category,
        "contract_type": contract_type,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "amount_sek": sek,
        "amount_eur": eur,
        "source": source,
        "source_url": url,
        "certainty": certainty,
    }


def _threshold_rows() -> list[dict]:
    rows = []
    for period, buyer_categories, contract_types, sek, eur, source, url, certainty in _EU_THRESHOLDS:
        valid_from, valid_to = dates = _PERIODS[period]
        amounts = {"sek": sek, "eur": eur, "certainty": certainty}
        for buyer_category in buyer_categories:
            for contract_type in contract_types:
                rows.append(
                    _threshold(
                        EU_THRESHOLD,
                        buyer_category,
                        contract_type,
                        period=dates,
                        source=source,
                        url=url,
                        **amounts,
                    )
                )
                if contract_type == SOCIAL_SERVICES:
                    # The same amount is the direct-award limit, a rule in force since 1 February 2022.
                    since = (max(valid_from, DIRECT_AWARD_LIMIT_FROM), valid_to)
                    rows.append(
                        _threshold(
                            DIRECT_AWARD_LIMIT,
                            buyer_category,
                            contract_type,
                            period=since,
                            source=_SOURCE_SOCIAL_DIRECT_AWARD,
                            **amounts,
                        )
                    )
    for buyer_category in (SUB_CENTRAL, CENTRAL):
        for contract_type in (GOODS, SERVICES, WORKS):
            rows.append(
                _threshold(
                    DIRECT_AWARD_LIMIT,
                    buyer_category,
                    contract_type,
                    period=(DIRECT_AWARD_LIMIT_FROM, None),
                    sek=DIRECT_AWARD_LIMIT_SEK,
                    eur=None,
                    source=_SOURCE_DIRECT_AWARD,
                )
            )
    return rows


THRESHOLDS = _threshold_rows()
THRESHOLD_KEY = ("law", "kind", "buyer_category", "contract_type", "valid_from")

# --- Exchange rate ------------------------------------------------------------------------------------

# Only a placeholder until an administrator enters the official rate: the rate implied by the official
# 2024–2025 values, SEK 2 389 585 for EUR 221 000.
IMPLIED_SEK_PER_EUR = (Decimal(2_389_585) / Decimal(221_000)).quantize(Decimal("0.0001"), ROUND_HALF_UP)
EXCHANGE_RATES = [
    {
        "valid_from": date(2026, 1, 1),
        "sek_per_eur": IMPLIED_SEK_PER_EUR,
        "source": (
            "Tillfälligt värde: kursen som följer av de officiella värdena för 2024–2025 (2 389 585 kr / "
            "221 000 euro). En administratör ska ange den officiella kursen enligt kommissionens meddelande "
            "C/2025/7081."
        ),
        "source_url": "",
        "certainty": UNVERIFIED,
    }
]
EXCHANGE_RATE_KEY = ("valid_from",)

# --- Time limits (domain.md §2.2–2.3) -----------------------------------------------------------------

TENDER_PERIOD = "tender_period"
ANSWERS = "answers_before_deadline"
QUESTIONS = "questions_before_deadline"
STANDSTILL = "standstill"
REASONABLE = "reasonable_period"
ALWAYS, ELECTRONIC, NOT_ELECTRONIC = "always", "electronic", "not_electronic"
PIN, ACCELERATED = "prior_information_notice", "accelerated"


def _limit(code, kind, procedure, condition, days, text_sv, text_en, source, certainty, rolls_forward=True):
    return {
        "code": code,
        "kind": kind,
        "procedure": procedure,
        "condition": condition,
        "days": days,
        "rolls_forward": rolls_forward,
        "text_sv": text_sv,
        "text_en": text_en,
        "source": source,
        "source_url": "",
        "certainty": certainty,
    }


_OPEN = [
    _limit(
        "open-35", TENDER_PERIOD, "open", ALWAYS, 35,
        "Öppet förfarande: anbudstiden är minst 35 dagar från den dag annonsen skickades för publicering.",
        "Open procedure: the tender period is at least 35 days from the day the notice was sent for publication.",
        "11 kap. 2 § LOU", VERIFIED,
    ),
    _limit(
        "open-electronic-30", TENDER_PERIOD, "open", ELECTRONIC, 30,
        "Öppet förfarande där anbud får lämnas elektroniskt: minst 30 dagar.",
        "Open procedure where tenders may be submitted electronically: at least 30 days.",
        "11 kap. 6 § LOU", VERIFIED,
    ),
    _limit(
        "open-pin-15", TENDER_PERIOD, "open", PIN, 15,
        "Öppet förfarande efter en förhandsannons skickad 35 dagar till 12 månader före annonsen: minst 15 dagar.",
        "Open procedure after a prior information notice sent 35 days to 12 months before the notice: "
        "at least 15 days.",
        "11 kap. 5 § LOU", VERIFIED,
    ),
    _limit(
        "open-accelerated-15", TENDER_PERIOD, "open", ACCELERATED, 15,
        "Öppet förfarande, påskyndat av brådskande skäl: minst 15 dagar.",
        "Open procedure, accelerated because of urgency: at least 15 days.",
        "Direktiv 2014/24/EU art. 27.3 (den svenska paragrafen är inte kontrollerad)", SECONDARY,
    ),
]  # fmt: skip


def _restricted_style(procedure: str, slug: str, name_sv: str, name_en: str, article: str, certainty: str):
    """The restricted procedure's tender periods; the Directive mirrors them for three other procedures."""
    source = f"Direktiv 2014/24/EU art. {article}" + ("" if certainty == VERIFIED else " (motsvarar art. 28)")
    return [
        _limit(
            f"{slug}-tenders-30", TENDER_PERIOD, procedure, ALWAYS, 30,
            f"{name_sv}: anbudstiden är minst 30 dagar från den dag inbjudan att lämna anbud skickades.",
            f"{name_en}: the tender period is at least 30 days from the day the invitation to tender was sent.",
            source, certainty,
        ),
        _limit(
            f"{slug}-pin-10", TENDER_PERIOD, procedure, PIN, 10,
            f"{name_sv} efter en förhandsannons: anbudstiden är minst 10 dagar.",
            f"{name_en} after a prior information notice: the tender period is at least 10 days.",
            source, certainty,
        ),
        _limit(
            f"{slug}-accelerated-10", TENDER_PERIOD, procedure, ACCELERATED, 10,
            f"{name_sv}, påskyndat av brådskande skäl: anbudstiden är minst 10 dagar.",
            f"{name_en}, accelerated because of urgency: the tender period is at least 10 days.",
            source, certainty,
        ),
    ]  # fmt: skip


_RESTRICTED_STYLE = [
    *_restricted_style("restricted", "restricted", "Selektivt förfarande", "Restricted procedure", "28", VERIFIED),
    *_restricted_style(
        "negotiated_with_notice",
        "negotiated-with-notice",
        "Förhandlat förfarande med föregående annonsering",
        "Negotiated procedure with prior notice",
        "29",
        UNVERIFIED,
    ),
    *_restricted_style(
        "competitive_dialogue", "competitive-dialogue", "Konkurrenspräglad dialog", "Competitive dialogue", "30",
        UNVERIFIED,
    ),
    *_restricted_style(
        "innovation_partnership", "innovation-partnership", "Innovationspartnerskap", "Innovation partnership", "31",
        UNVERIFIED,
    ),
]  # fmt: skip

_QUESTIONS_AND_STANDSTILL = [
    _limit(
        "answers-6", ANSWERS, "", ALWAYS, 6,
        "Kompletterande upplysningar lämnas senast 6 dagar före sista anbudsdag; sista anbudsdagen räknas inte "
        "(Förvaltningsrätten i Malmö, mål 3487-16).",
        "Additional information is given no later than 6 days before the tender deadline; the deadline day is not "
        "counted (Administrative Court in Malmö, case 3487-16).",
        "12 kap. 11 § LOU", VERIFIED, rolls_forward=False,
    ),
    _limit(
        "answers-accelerated-4", ANSWERS, "", ACCELERATED, 4,
        "Påskyndat förfarande: kompletterande upplysningar lämnas senast 4 dagar före sista anbudsdag.",
        "Accelerated procedure: additional information is given no later than 4 days before the tender deadline.",
        "12 kap. 11 § LOU", VERIFIED, rolls_forward=False,
    ),
    _limit(
        "questions-10", QUESTIONS, "", ALWAYS, 10,
        "Sista dag för frågor: 10 dagar före sista anbudsdag, så att svaren hinner lämnas senast 6 dagar före.",
        "Question deadline: 10 days before the tender deadline, so that answers can be given at least 6 days "
        "before it.",
        "Prop. 2015/16:195 s. 1074 (ett exempel i förarbetena, ingen lagstadgad gräns)", VERIFIED,
        rolls_forward=False,
    ),
    _limit(
        "standstill-electronic-10", STANDSTILL, "", ELECTRONIC, 10,
        "Avtalsspärr: 10 dagar från den dag underrättelsen om tilldelningsbeslutet skickades elektroniskt.",
        "Standstill period: 10 days from the day the award notice was sent electronically.",
        "20 kap. 1 § LOU", VERIFIED,
    ),
    _limit(
        "standstill-other-15", STANDSTILL, "", NOT_ELECTRONIC, 15,
        "Avtalsspärr: 15 dagar när underrättelsen om tilldelningsbeslutet skickades på annat sätt än elektroniskt.",
        "Standstill period: 15 days when the award notice was sent by other means than electronically.",
        "20 kap. 1 § LOU (15 days: Konkurrensverket)", SECONDARY,
    ),
    _limit(
        "reasonable-below-threshold-21", REASONABLE, "below_threshold", ALWAYS, 21,
        "Under tröskelvärdet ska anbudstiden vara skälig. Kommunens riktvärde är minst 21 dagar (lokal policy, "
        "inte lag); kortare tid ger en varning.",
        "Below the threshold the tender period must be reasonable. The municipality's guideline is at least 21 "
        "days (local policy, not law); a shorter period gives a warning.",
        "19 kap. 11 § LOU (skälig tid); 21 days is local policy", UNVERIFIED, rolls_forward=False,
    ),
]  # fmt: skip

TIME_LIMITS = [*_OPEN, *_RESTRICTED_STYLE, *_QUESTIONS_AND_STANDSTILL]
TIME_LIMIT_KEY = ("code",)

# --- Proportionality presets (domain.md §3.2) --------------------------------------------------------

PRESETS = [
    {
        "code": "trafikverket",
        "name_sv": "Trafikverkets modell",
        "name_en": "Trafikverket's model",
        "method": "per_value",
        "works_sek_per_slot": 50_000_000,
        "services_sek_per_slot": 25_000_000,
        "social_services_sek_per_slot": 25_000_000,
        "rounding": "down",
        "employment_months_per_slot": 12,
        "internship_months_per_slot": 6,
        "fixed_slots": None,
        "fixed_months": None,
        "description_sv": (
            "En plats per 50 miljoner kronor i entreprenader och per 25 miljoner kronor i tjänster. En plats är "
            "12 månaders anställning eller 6 månaders praktik och kan delas mellan flera personer. Avrundas nedåt."
        ),
        "description_en": (
            "One slot per SEK 50 million in works contracts and per SEK 25 million in services. A slot is 12 "
            "months of employment or 6 months of internship and can be shared between several people. Rounded "
            "down."
        ),
        "source": 'Trafikverket, UHM "Trafikverket lägger stor vikt vid uppföljning" (2020); värdet för tjänster '
        "tillämpat på sociala tjänster",
        "source_url": "",
        "certainty": VERIFIED,
    },
    {
        "code": "ostersund-pilot",
        "name_sv": "Östersunds pilot",
        "name_en": "Östersund pilot",
        "method": "fixed",
        "works_sek_per_slot": None,
        "services_sek_per_slot": None,
        "social_services_sek_per_slot": None,
        "rounding": "down",
        "employment_months_per_slot": None,
        "internship_months_per_slot": None,
        "fixed_slots": 4,
        "fixed_months": 4,
        "description_sv": "Som i Östersunds första pilot: 4 praktikanter i minst 4 månader, oavsett kontraktets värde.",
        "description_en": "As in Östersund's first pilot: 4 interns for at least 4 months, whatever the contract's "
        "value.",
        "source": "inkopsradet.se (Östersunds pilot, en byggentreprenad)",
        "source_url": "",
        "certainty": SECONDARY,
    },
    {
        "code": "dialogue-only",
        "name_sv": "Endast dialogkrav",
        "name_en": "Dialogue requirement only",
        "method": "dialogue_only",
        "works_sek_per_slot": None,
        "services_sek_per_slot": None,
        "social_services_sek_per_slot": None,
        "rounding": "down",
        "employment_months_per_slot": None,
        "internship_months_per_slot": None,
        "fixed_slots": None,
        "fixed_months": None,
        "description_sv": "Leverantören åtar sig att föra dialog med kommunen om praktik och anställning, utan ett "
        "antal platser (som Malmö och Helsingborg).",
        "description_en": "The supplier commits to a dialogue with the municipality about internships and jobs, "
        "without a number of places (as Malmö and Helsingborg do).",
        "source": "Malmö stad (malmo.se); Helsingborg (upphandling24, 2019)",
        "source_url": "",
        "certainty": SECONDARY,
    },
]
PRESET_KEY = ("code",)


def create_missing_rows(
    *, threshold_model, exchange_rate_model, time_limit_model, preset_model, record_created=None
) -> int:
    """Create every reference row that is missing, found by its natural key; return how many were created.

    Takes the model classes so the data migration can pass its historical models; `record_created(row)` lets
    it write the first history version, which historical models do not write by themselves.
    """
    created = 0
    for model, rows, key in (
        (threshold_model, THRESHOLDS, THRESHOLD_KEY),
        (exchange_rate_model, EXCHANGE_RATES, EXCHANGE_RATE_KEY),
        (time_limit_model, TIME_LIMITS, TIME_LIMIT_KEY),
        (preset_model, PRESETS, PRESET_KEY),
    ):
        for row in rows:
            lookup = {name: row[name] for name in key}
            defaults = {name: value for name, value in row.items() if name not in key}
            instance, was_created = model.objects.get_or_create(**lookup, defaults=defaults)
            if was_created and record_created is not None:
                record_created(instance)
            created += was_created
    return created


def load_reference_data() -> int:
    """Idempotent: creates what is missing, never changes what exists (an administrator may have edited it)."""
    from django.db import transaction

    from insteg.rules.models import ExchangeRate, ProportionalityPreset, Threshold, TimeLimit

    with transaction.atomic():
        return create_missing_rows(
            threshold_model=Threshold,
            exchange_rate_model=ExchangeRate,
            time_limit_model=TimeLimit,
            preset_model=ProportionalityPreset,
        )


def preset_row(code: str) -> dict:
    return next(row for row in PRESETS if row["code"] == code)
