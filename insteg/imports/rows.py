"""What every import does with its rows: read each cell by its column, check the row as the model would, decide
create / already there / error, and insert the new ones in bulk.

Validation is in Python against lookups read once (codes, existing keys), never a query per row: a 10 000-row
list is checked in a second or two. The model's own field validators and `clean()` run on every row, so an
import accepts exactly what the page's form accepts.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from insteg.imports.cells import CellError
from insteg.imports.parsing import Column

CREATE, SKIP, ERROR = "create", "skip", "error"
BULK_BATCH = 1000


@dataclass
class RowResult:
    row: int
    action: str = CREATE
    label: str = ""
    errors: list[dict] = field(default_factory=list)
    instance: object = None
    related: list = field(default_factory=list)
    existing_pk: int | None = None

    def error(self, column: str, message) -> None:
        self.errors.append({"column": column, "message": str(message)})
        self.action = ERROR

    def as_json(self) -> dict:
        return {"row": self.row, "action": self.action, "label": self.label, "errors": self.errors}


class Importer:
    """One kind of import. Subclasses name their columns and build one unsaved instance per row."""

    kind = ""
    columns: list[Column] = []
    # Foreign keys are checked against the prefetched lookups, not by the model (a query per row).
    skip_model_validation: tuple[str, ...] = ()

    def __init__(self, user):
        self.user = user
        self.validate = True
        self._columns_by_key = None

    def column(self, key: str) -> Column:
        if self._columns_by_key is None:
            self._columns_by_key = {column.key: column for column in self.columns}
        return self._columns_by_key[key]

    def read(self, result: RowResult, cells: dict, key: str, parse=None, default=None):
        """The cell's value, or `default` when empty; a required empty cell or unreadable text is a row error."""
        text = cells.get(key, "")
        if not text:
            if self.column(key).required:
                result.error(key, _("This column must be filled in."))
            return default
        if parse is None:
            return text
        try:
            return parse(text)
        except CellError as error:
            result.error(key, error)
            return default

    def validate_model(self, result: RowResult, instance) -> None:
        """The model's field validators and clean(), with its messages placed on the row's columns."""
        if not self.validate:
            return
        failed = {error["column"] for error in result.errors}
        exclude = [*self.skip_model_validation, *failed]
        for check in (lambda: instance.clean_fields(exclude=exclude), instance.clean):
            try:
                check()
            except ValidationError as error:
                self.add_validation_error(result, error, failed)

    def add_validation_error(self, result: RowResult, error: ValidationError, failed=()) -> None:
        for name, messages in error.message_dict.items():
            if name in failed:
                continue
            column = name if any(column.key == name for column in self.columns) else ""
            for message in messages:
                result.error(column, message)

    def check(self, rows: list, *, validate: bool = True) -> list[RowResult]:
        """Every row's result; duplicates inside the file are errors on the later row.

        `validate=False` leaves out the model's validation, which depends on the row alone: the commit uses it for
        rows that passed it at the preview, and still reads every code and key against the database as it is now.
        """
        self.validate = validate
        seen: dict = {}
        results = []
        for number, cells in rows:
            result = RowResult(row=number)
            self.check_row(result, cells)
            if result.action != ERROR:
                self._dedupe(result, seen)
            results.append(result)
        return results

    def _dedupe(self, result: RowResult, seen: dict) -> None:
        keys = self.keys(result.instance)
        earlier = next((seen[key] for key in keys if key in seen), None)
        if earlier is not None:
            result.error(keys and self.key_column(keys[0]), self.duplicate_message() % {"row": earlier})
            return
        for key in keys:
            seen[key] = result.row
        existing = self.existing(keys)
        if existing is not None:
            result.action, result.existing_pk = SKIP, existing

    # Subclasses:
    def check_row(self, result: RowResult, cells: dict) -> None:
        raise NotImplementedError

    def keys(self, instance) -> list[tuple]:
        """The dedupe keys of a row, strongest first."""
        raise NotImplementedError

    def key_column(self, key: tuple) -> str:
        raise NotImplementedError

    def duplicate_message(self) -> str:
        raise NotImplementedError

    def existing(self, keys: list[tuple]) -> int | None:
        raise NotImplementedError

    def create(self, results: list[RowResult]) -> int:
        raise NotImplementedError


def normalised(text: str) -> str:
    return " ".join((text or "").split()).casefold()
