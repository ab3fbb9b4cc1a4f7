"""Importing a supplier's list of placement slots for one contract.

The same rules as adding a position on the page: the model's validators and clean(), a position type the
contract's commitments allow, an SSYK 2012 occupation; the supervisor counts as trained when they attended
the training. A row is already there when the contract has a position with its reference, or, without one,
with the same title, workplace municipality, first start day and supervisor email.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from insteg.contracts.models import Occupation, Position, PositionType
from insteg.imports import cells
from insteg.imports.parsing import Column
from insteg.imports.rows import BULK_BATCH, CREATE, Importer, RowResult, normalised
from insteg.training.models import Registration


def _position_types_for(contract):
    allowed = PositionType.objects.filter(commitments__contract=contract).distinct()
    return allowed if allowed.exists() else PositionType.objects.all()


def columns(contract=None) -> list[Column]:
    def types():
        kinds = _position_types_for(contract) if contract else PositionType.objects.all()
        return [(kind.code, f"{kind.name_sv} / {kind.name_en}") for kind in kinds.order_by("code")]

    return [
        Column("external_reference", "referens", "reference",
               help=gettext_lazy("Your own id for the place. Used to recognise it when the list is imported again.")),
        Column("position_type", "platstyp", "position type", required=True, allowed=types),
        Column("occupation", "yrke", "occupation", required=True, aliases=("yrke (ssyk)", "ssyk"),
               allowed=lambda: [(o.code, o.title_sv) for o in Occupation.objects.order_by("code")],
               help=gettext_lazy("The SSYK 2012 code (four digits), for example 9111.")),
        Column("title", "titel", "job title", required=True, aliases=("title",)),
        Column("workplace_municipality", "arbetsplatsens kommun", "workplace municipality", required=True),
        Column("workplace_address", "arbetsplatsens adress", "workplace address"),
        Column("hours_per_week", "timmar per vecka", "hours per week", required=True,
               help=gettext_lazy("1–60. Full time is 40.")),
        Column("start_from", "kan börja från", "can start from", required=True,
               help=gettext_lazy("A date as YYYY-MM-DD.")),
        Column("start_until", "måste börja senast", "must start by", required=True,
               help=gettext_lazy("A date as YYYY-MM-DD.")),
        Column("duration_months", "längd i månader", "duration in months", required=True,
               help=gettext_lazy("1–60.")),
        Column("swedish_level", "svenska", "swedish needed", allowed=lambda: Position.SwedishLevel.choices,
               help=gettext_lazy("Empty means everyday.")),
        Column("driving_licence", "körkort krävs", "driving licence needed",
               help=gettext_lazy("ja or nej (yes or no).")),
        Column("physical_demands", "fysiska krav", "physical demands"),
        Column("adaptations", "anpassningar", "adaptations",
               help=gettext_lazy("The adaptations the workplace can make, in words.")),
        Column("supervisor_name", "handledare", "supervisor", required=True),
        Column("supervisor_email", "handledarens e-post", "supervisor email", required=True),
        Column("supervisor_trained", "handledarutbildad", "supervisor trained",
               help=gettext_lazy("ja or nej. A supervisor who attended the training counts as trained anyway.")),
    ]  # fmt: skip


class PositionImporter(Importer):
    kind = "positions"
    skip_model_validation = ("contract", "position_type", "occupation")

    def __init__(self, user, contract):
        super().__init__(user)
        self.contract = contract
        self.columns = columns(contract)
        allowed = list(_position_types_for(contract).values_list("pk", "code", "name_sv", "name_en"))
        self.position_types = {text.casefold(): pk for pk, *texts in allowed for text in texts}
        self.position_type_codes = [code for _pk, code, *_names in allowed]
        self.all_position_types = set(PositionType.objects.values_list("code", flat=True))
        self.occupations = set(Occupation.objects.values_list("code", flat=True))
        self.swedish = cells.choice_lookup(Position.SwedishLevel.choices)
        self._read_existing()

    def _read_existing(self) -> None:
        self.by_reference, self.by_place = {}, {}
        rows = self.contract.positions.values_list(
            "pk", "external_reference", "title", "workplace_municipality", "start_from", "supervisor_email"
        )
        for pk, reference, title, municipality, start, email in rows:
            if reference:
                self.by_reference[reference] = pk
            self.by_place.setdefault(self._place_key(title, municipality, start, email), pk)

    @staticmethod
    def _place_key(title, municipality, start, email) -> tuple:
        return ("place", normalised(title), normalised(municipality), start, normalised(email))

    def _position_type(self, text: str) -> int:
        pk = self.position_types.get(text.casefold())
        if pk is not None:
            return pk
        if text.casefold() in {code.casefold() for code in self.all_position_types}:
            raise cells.CellError(_("The contract's commitments do not allow this kind of position."))
        raise cells.CellError(
            _("Unknown position type “%(value)s”. Use one of: %(codes)s.")
            % {"value": text[:40], "codes": ", ".join(self.position_type_codes)}
        )

    def _occupation(self, text: str) -> str:
        code = text.split()[0] if text.split() else ""
        if code not in self.occupations:
            raise cells.CellError(_("Unknown SSYK 2012 code. Enter four digits, for example 9111."))
        return code

    def check_row(self, result: RowResult, row: dict) -> None:
        read = lambda key, parse=None, default="": self.read(result, row, key, parse, default)  # noqa: E731
        swedish_codes = list(Position.SwedishLevel.values)
        values = {
            "external_reference": read("external_reference"),
            "position_type_id": read("position_type", self._position_type, None),
            "occupation_id": read("occupation", self._occupation, None),
            "title": read("title"),
            "workplace_municipality": read("workplace_municipality"),
            "workplace_address": read("workplace_address"),
            "hours_per_week": read("hours_per_week", cells.integer, None),
            "start_from": read("start_from", cells.date, None),
            "start_until": read("start_until", cells.date, None),
            "duration_months": read("duration_months", cells.integer, None),
            "swedish_level": read(
                "swedish_level",
                lambda text: cells.choice(text, self.swedish, swedish_codes),
                Position.SwedishLevel.EVERYDAY,
            ),
            "driving_licence": read("driving_licence", cells.boolean, False),
            "physical_demands": read("physical_demands"),
            "adaptations": read("adaptations"),
            "supervisor_name": read("supervisor_name"),
            "supervisor_email": read("supervisor_email").lower(),
            "supervisor_trained": read("supervisor_trained", cells.boolean, False),
        }
        result.label = values["title"]
        position = Position(contract=self.contract, **values)
        self.validate_model(result, position)
        result.instance = position

    def keys(self, position) -> list[tuple]:
        if position.external_reference:
            return [("reference", position.external_reference)]
        return [
            self._place_key(
                position.title, position.workplace_municipality, position.start_from, position.supervisor_email
            )
        ]

    def key_column(self, key: tuple) -> str:
        return "external_reference" if key[0] == "reference" else "title"

    def duplicate_message(self) -> str:
        return _("The same position as on row %(row)d.")

    def existing(self, keys: list[tuple]) -> int | None:
        key = keys[0]
        return self.by_reference.get(key[1]) if key[0] == "reference" else self.by_place.get(key)

    def create(self, results: list[RowResult]) -> int:
        new = [result.instance for result in results if result.action == CREATE]
        emails = {position.supervisor_email for position in new if not position.supervisor_trained}
        trained = set(Registration.objects.attended().filter(email__in=emails).values_list("email", flat=True))
        for position in new:
            position.supervisor_trained = position.supervisor_trained or position.supervisor_email in trained
        return len(Position.objects.bulk_create(new, batch_size=BULK_BATCH))
