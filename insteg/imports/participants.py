"""Importing the employment service's referral list: one participant per row, for one municipality.

The same rules as registering a person on the page: the model's validators and clean(), no markup in names,
no health words in the notes, no personnummer unless INSTEG_COLLECT_PERSONNUMMER allows it, codes from the
fixed lists. A row is already there when the municipality has a participant with its referral reference
(ärendenummer), or, failing that, with the same first name, last name, birth year and email.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from insteg.accounts.models import Role
from insteg.contracts.models import Occupation, PositionType
from insteg.imports import cells
from insteg.imports.parsing import Column
from insteg.imports.rows import BULK_BATCH, CREATE, Importer, RowResult, normalised
from insteg.lib.sensitive import refuse_sensitive_words
from insteg.matching.forms import MARKUP
from insteg.matching.models import Adaptation, Gender, LegalBasis, Participant, SwedishLevel, validate_birth_year
from insteg.matching.services import _check_personnummer
from insteg.procurement.models import TargetGroup


def _programmes():
    return [(kind.code, f"{kind.name_sv} / {kind.name_en}") for kind in PositionType.objects.order_by("code")]


def _occupations():
    return [(occupation.code, occupation.title_sv) for occupation in Occupation.objects.order_by("code")]


def columns() -> list[Column]:
    found = [
        Column("referral_reference", "ärendenummer", "referral reference", aliases=("referens", "reference"),
               help=gettext_lazy("The employment service's reference for the referral. Never a personnummer. "
                                 "Used to recognise the person when the list is imported again.")),
        Column("first_name", "förnamn", "first name", required=True),
        Column("last_name", "efternamn", "last name", required=True),
        Column("email", "e-post", "email", aliases=("epost", "e-mail")),
        Column("phone", "telefon", "phone"),
        Column("birth_year", "födelseår", "birth year", help=gettext_lazy("Four digits, for example 1990.")),
        Column("gender", "kön", "gender", allowed=lambda: Gender.choices,
               help=gettext_lazy("Self-reported and optional.")),
        Column("target_group", "målgrupp", "target group", required=True, allowed=lambda: TargetGroup.choices),
        Column("programme", "program", "programme", allowed=_programmes,
               help=gettext_lazy("The labour-market programme, if any.")),
        Column("occupations", "yrken", "occupations", aliases=("yrken (ssyk)", "ssyk"), allowed=_occupations,
               help=gettext_lazy("SSYK 2012 codes (four digits) separated by commas, for example 9111, 5120.")),
        Column("swedish_level", "svenska", "swedish level", allowed=lambda: SwedishLevel.choices,
               help=gettext_lazy("Empty means everyday.")),
        Column("other_languages", "andra språk", "other languages"),
        Column("driving_licence", "körkort", "driving licence", help=gettext_lazy("ja or nej (yes or no).")),
        Column("home_municipality", "hemkommun", "home municipality", required=True),
        Column("max_travel_km", "max resväg km", "max travel km", help=gettext_lazy("Empty means 30.")),
        Column("available_from", "tillgänglig från", "available from", required=True,
               help=gettext_lazy("A date as YYYY-MM-DD.")),
        Column("hours_min", "timmar minst", "hours min", help=gettext_lazy("Hours per week, 1–60. Empty means 20.")),
        Column("hours_max", "timmar högst", "hours max", help=gettext_lazy("Hours per week, 1–60. Empty means 40.")),
        Column("waiting_since", "söker arbete sedan", "looking for work since",
               help=gettext_lazy("A date as YYYY-MM-DD.")),
        Column("adaptations", "anpassningar", "adaptations", allowed=lambda: Adaptation.choices,
               help=gettext_lazy("Codes separated by commas. What helps at work, never why.")),
        Column("notes", "anteckningar", "notes",
               help=gettext_lazy("Practical matters only. Never health details, diagnoses or background.")),
        Column("legal_basis", "rättslig grund", "legal basis", allowed=lambda: LegalBasis.choices,
               help=gettext_lazy("Empty means task in the public interest.")),
        Column("informed_on", "informerad", "informed on", required=True, aliases=("informerad den",),
               help=gettext_lazy("The day the person was told how their data is used, as YYYY-MM-DD.")),
    ]  # fmt: skip
    # Always recognised (so a number sent where none are collected is refused, not silently dropped); offered
    # in the template only where the installation collects them.
    found.insert(
        5,
        Column("personnummer", "personnummer", "personal identity number", aliases=("personal_number",),
               in_template=settings.INSTEG_COLLECT_PERSONNUMMER,
               help=gettext_lazy("Only when the municipality has decided it is clearly justified.")),
    )  # fmt: skip
    return found


def scrub(rows: list) -> list:
    """Where personnummer are not collected, one is never stored, not even for the preview: a mark keeps the
    row's error."""
    if settings.INSTEG_COLLECT_PERSONNUMMER:
        return rows
    for _number, row in rows:
        if row.get("personnummer"):
            row["personnummer"] = "*"
    return rows


class ParticipantImporter(Importer):
    kind = "participants"
    # Foreign keys are checked against the lookups; codes, yes/no and dates were read by the cell parsers (only
    # valid values come out); fields the import does not set keep their defaults; the birth year once per year.
    skip_model_validation = (
        "id", "public_id", "municipality", "programme", "referred_by", "occupations", "gender", "target_group",
        "swedish_level", "legal_basis", "driving_licence", "adaptations", "available_from", "waiting_since",
        "informed_on", "birth_year", "age_band", "status", "created_at", "erased_at", "restricted_at",
        "restriction_reason",
    )  # fmt: skip

    def __init__(self, user, municipality):
        super().__init__(user)
        self.municipality = municipality
        self.columns = columns()
        self.referred_by = user if user.has_role(Role.EMPLOYMENT_OFFICER) else None
        self.lookups = {
            name: cells.choice_lookup(choices)
            for name, choices in (
                ("gender", Gender.choices),
                ("target_group", TargetGroup.choices),
                ("swedish_level", SwedishLevel.choices),
                ("legal_basis", LegalBasis.choices),
                ("adaptations", Adaptation.choices),
            )
        }
        programmes = list(PositionType.objects.values_list("pk", "code", "name_sv", "name_en"))
        self.programmes = {text.casefold(): pk for pk, *texts in programmes for text in texts}
        self.programme_codes = [code for _pk, code, *_names in programmes]
        self.occupations = set(Occupation.objects.values_list("code", flat=True))
        self.today = timezone.localdate()
        self._birth_years: dict[int, ValidationError | None] = {}
        self._read_existing()

    def _read_existing(self) -> None:
        """Who the municipality already has, in one query: by referral reference and by name, year and email."""
        self.by_reference, self.by_person = {}, {}
        rows = Participant.objects.filter(municipality=self.municipality, erased_at__isnull=True).values_list(
            "pk", "referral_reference", "first_name", "last_name", "birth_year", "email"
        )
        for pk, reference, first, last, year, email in rows:
            if reference:
                self.by_reference[reference] = pk
            else:
                self.by_person[self._person_key(first, last, year, email)] = pk

    @staticmethod
    def _person_key(first, last, year, email) -> tuple:
        return ("person", normalised(first), normalised(last), year, normalised(email))

    def _choice(self, name):
        codes = list(dict.fromkeys(self.lookups[name].values()))
        return lambda text: cells.choice(text, self.lookups[name], codes)

    def _programme(self, text: str) -> int:
        pk = self.programmes.get(text.casefold())
        if pk is None:
            raise cells.CellError(
                _("Unknown programme “%(value)s”. Use one of: %(codes)s.")
                % {"value": text[:40], "codes": ", ".join(self.programme_codes)}
            )
        return pk

    def _occupation_codes(self, text: str) -> list[str]:
        codes = list(dict.fromkeys(cells.split_codes(text)))
        unknown = [code for code in codes if code not in self.occupations]
        if unknown:
            raise cells.CellError(
                _("These are not SSYK 2012 codes: %(codes)s.") % {"codes": ", ".join(code[:10] for code in unknown[:5])}
            )
        return codes

    def _adaptations(self, text: str) -> list[str]:
        parse = self._choice("adaptations")
        return list(dict.fromkeys(parse(code) for code in cells.split_codes(text)))

    def check_row(self, result: RowResult, row: dict) -> None:
        read = lambda key, parse=None, default="": self.read(result, row, key, parse, default)  # noqa: E731
        values = {
            "referral_reference": read("referral_reference"),
            "first_name": read("first_name"),
            "last_name": read("last_name"),
            "email": read("email"),
            "phone": read("phone"),
            "birth_year": read("birth_year", cells.integer, None),
            "gender": read("gender", self._choice("gender")),
            "target_group": read("target_group", self._choice("target_group")),
            "programme_id": read("programme", self._programme, None),
            "swedish_level": read("swedish_level", self._choice("swedish_level"), SwedishLevel.EVERYDAY),
            "other_languages": read("other_languages"),
            "driving_licence": read("driving_licence", cells.boolean, False),
            "home_municipality": read("home_municipality"),
            "max_travel_km": read("max_travel_km", cells.integer, 30),
            "available_from": read("available_from", cells.date, None),
            "hours_min": read("hours_min", cells.integer, 20),
            "hours_max": read("hours_max", cells.integer, 40),
            "waiting_since": read("waiting_since", cells.date, None),
            "adaptations": read("adaptations", self._adaptations, []),
            "notes": read("notes"),
            "legal_basis": read("legal_basis", self._choice("legal_basis"), LegalBasis.PUBLIC_INTEREST),
            "informed_on": read("informed_on", cells.date, None),
        }
        result.related = read("occupations", self._occupation_codes, [])
        result.label = f"{values['first_name']} {values['last_name']}".strip()
        self._check_rules(result, row, values)
        participant = Participant(municipality=self.municipality, referred_by=self.referred_by, **values)
        participant.age_band = Participant.band_for(participant.birth_year, on=self.today)
        self.validate_model(result, participant)
        if self.validate and participant.birth_year is not None:
            self._check_birth_year(result, participant.birth_year)
        result.instance = participant

    def _check_birth_year(self, result: RowResult, year: int) -> None:
        """The model's validator, run once per distinct year (it reads today's date, which is slow in bulk)."""
        if year not in self._birth_years:
            try:
                validate_birth_year(year)
                self._birth_years[year] = None
            except ValidationError as error:
                self._birth_years[year] = error
        if self._birth_years[year] is not None:
            for message in self._birth_years[year].messages:
                result.error("birth_year", message)

    def _check_rules(self, result: RowResult, row: dict, values: dict) -> None:
        """The page's rules beyond the model: plain names, no health words, personnummer only when allowed."""
        for name in ("first_name", "last_name"):
            if MARKUP.search(values[name]):
                result.error(name, _("Enter the name without the characters < and >."))
        try:
            refuse_sensitive_words(values["notes"], field="notes", hint=_("Use the practical adaptations instead."))
        except ValidationError as error:
            self.add_validation_error(result, error)
        try:
            values["personnummer"] = _check_personnummer(row.get("personnummer", ""))
        except ValidationError as error:
            self.add_validation_error(result, error)

    def keys(self, participant) -> list[tuple]:
        person = self._person_key(
            participant.first_name, participant.last_name, participant.birth_year, participant.email
        )
        if participant.referral_reference:
            return [("reference", participant.referral_reference), person]
        return [person]

    def key_column(self, key: tuple) -> str:
        return "referral_reference" if key[0] == "reference" else "first_name"

    def duplicate_message(self) -> str:
        return _("The same person as on row %(row)d.")

    def existing(self, keys: list[tuple]) -> int | None:
        """By reference; a person registered by hand (no reference yet) is recognised by name, year and email."""
        for key in keys:
            found = self.by_reference.get(key[1]) if key[0] == "reference" else self.by_person.get(key)
            if found is not None:
                return found
        return None

    def create(self, results: list[RowResult]) -> int:
        new = [result for result in results if result.action == CREATE]
        participants = Participant.objects.bulk_create([result.instance for result in new], batch_size=BULK_BATCH)
        through = Participant.occupations.through
        through.objects.bulk_create(
            [
                through(participant_id=participant.pk, occupation_id=code)
                for participant, result in zip(participants, new, strict=True)
                for code in result.related
            ],
            batch_size=BULK_BATCH * 5,
        )
        return len(participants)
