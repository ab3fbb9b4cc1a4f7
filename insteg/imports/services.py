"""Imports: check a file, keep it for the preview, then import all of it or nothing.

1. `check_upload` reads the file (parsing.py) and checks every row (participants.py, positions.py) without
   writing anything.
2. `save_preview` keeps the rows in an ImportBatch for the person to look at (pages); the API skips this.
3. `commit` checks the rows again against the database as it is now, and inserts them in one transaction:
   if any row is wrong, or the database refuses one (a colleague added the same person a moment ago), nothing
   is imported. `import_now` does 1 and 3 in one go (the API).

The rows hold personal data: committing or discarding empties them, and `discard_stale_batches` (daily, from
run_scheduled) empties uploads left waiting for more than a day. The audit trail gets counts, never names.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from insteg.imports import access
from insteg.imports.models import ImportBatch
from insteg.imports.parsing import FileProblem, read_table, read_upload
from insteg.imports.participants import ParticipantImporter, scrub
from insteg.imports.positions import PositionImporter
from insteg.imports.rows import CREATE, ERROR, SKIP, RowResult
from insteg.lib.errors import DomainError
from insteg.matching.models import Participant, ParticipantView
from insteg.matching.services import log_views
from insteg.privacy import audit

STALE_AFTER = datetime.timedelta(hours=24)

__all__ = ["CREATE", "ERROR", "SKIP", "FileProblem", "RowsInvalid", "check_upload", "commit", "discard_stale_batches"]


class RowsInvalid(Exception):
    """Some rows are wrong: nothing was imported. `results` has every row, the wrong ones with their errors."""

    def __init__(self, results: list[RowResult]):
        super().__init__(_("Some rows have errors. Nothing was imported."))
        self.results = results


@dataclass
class Checked:
    """A file read and checked, not yet stored anywhere."""

    kind: str
    importer: object
    file_name: str
    sha256: str
    rows: list
    results: list[RowResult]
    notes: list[str]

    def count(self, action: str) -> int:
        return sum(1 for result in self.results if result.action == action)

    @property
    def errors(self) -> list[dict]:
        return [
            {"row": result.row, **error} for result in self.results if result.action == ERROR for error in result.errors
        ]


def importer_for(user, kind: str, *, municipality=None, contract=None):
    """The importer for a target the user may import into; PermissionDenied otherwise."""
    if kind == ImportBatch.Kind.PARTICIPANTS:
        if municipality is None or not access.participant_municipalities(user).filter(pk=municipality.pk).exists():
            raise PermissionDenied
        return ParticipantImporter(user, municipality)
    if contract is None or not access.position_contracts(user).filter(pk=contract.pk).exists():
        raise PermissionDenied
    return PositionImporter(user, contract)


def check_upload(user, kind: str, upload, *, municipality=None, contract=None) -> Checked:
    """Read and check the file; FileProblem when the file as a whole cannot be used."""
    importer = importer_for(user, kind, municipality=municipality, contract=contract)
    content, name = read_upload(upload)
    table = read_table(content, name, importer.columns)
    rows = [[number, cells] for number, cells in table.rows]
    if kind == ImportBatch.Kind.PARTICIPANTS:
        rows = scrub(rows)
    results = importer.check(rows)
    return Checked(kind, importer, name, hashlib.sha256(content).hexdigest(), rows, results, table.notes)


def _target(importer) -> dict:
    """The batch's municipality or contract."""
    if isinstance(importer, ParticipantImporter):
        return {"municipality": importer.municipality}
    return {"contract": importer.contract}


def save_preview(user, checked: Checked) -> ImportBatch:
    """Keep the checked rows for the preview page. People the municipality already has are shown as such:
    that read is logged."""
    batch = ImportBatch.objects.create(
        kind=checked.kind,
        created_by=user,
        file_name=checked.file_name,
        sha256=checked.sha256,
        rows=checked.rows,
        results=[result.as_json() for result in checked.results],
        notes=checked.notes + _earlier_imports_note(user, checked),
        total=len(checked.results),
        to_create=checked.count(CREATE),
        to_skip=checked.count(SKIP),
        invalid=checked.count(ERROR),
        **_target(checked.importer),
    )
    _log_people_recognised(user, checked.importer, checked.results)
    return batch


def _earlier_imports_note(user, checked: Checked) -> list[str]:
    earlier = ImportBatch.objects.filter(
        sha256=checked.sha256, kind=checked.kind, status=ImportBatch.Status.COMMITTED, **_target(checked.importer)
    ).first()
    if earlier is None:
        return []
    when = timezone.localtime(earlier.finished_at or earlier.created_at).strftime("%Y-%m-%d %H:%M")
    return [_("This file was imported before, on %(when)s. Rows already imported are skipped.") % {"when": when}]


def _log_people_recognised(user, importer, results: list[RowResult]) -> None:
    if not isinstance(importer, ParticipantImporter):
        return
    known = [Participant(pk=result.existing_pk) for result in results if result.existing_pk]
    if known:
        purpose = ParticipantView.Purpose.REFERRAL if importer.referred_by else ParticipantView.Purpose.MATCHING
        log_views(user, known, purpose=purpose, where="import preview")


def _importer_for_batch(user, batch: ImportBatch):
    return importer_for(user, batch.kind, municipality=batch.municipality, contract=batch.contract)


def _insert(user, importer, results: list[RowResult], batch: ImportBatch) -> int:
    """All rows or none: the caller holds the transaction."""
    if any(result.action == ERROR for result in results):
        raise RowsInvalid(results)
    created = importer.create(results)
    batch.status = ImportBatch.Status.COMMITTED
    batch.finished_at = timezone.now()
    batch.rows, batch.results = [], []
    batch.total, batch.to_create, batch.to_skip, batch.invalid = len(results), created, len(results) - created, 0
    batch.save()
    target = _target(importer)
    organisation = target.get("municipality") or target["contract"].supplier
    audit.record(
        "imports.committed", actor=user, target=batch, organisation=organisation,
        kind=batch.kind, rows=batch.total, created=created, skipped=batch.to_skip,
    )  # fmt: skip
    return created


def _database_refused() -> FileProblem:
    return FileProblem(
        _(
            "The database refused a row, perhaps because someone added the same person or position a moment ago. "
            "Nothing was imported. Upload the file again to see what is there now."
        )
    )


def commit(batch: ImportBatch, user) -> int:
    """Import every row of a previewed batch, or none; returns how many were created."""
    importer = _importer_for_batch(user, batch)
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
            if not batch.is_open:
                raise DomainError(_("This import is already finished."))
            if batch.invalid:
                raise RowsInvalid(importer.check(batch.rows))
            # The model's checks passed at the preview and depend on the row alone; codes and keys are read anew.
            results = importer.check(batch.rows, validate=False)
            return _insert(user, importer, results, batch)
    except RowsInvalid as invalid:
        _store_results(batch, invalid.results)
        raise
    except IntegrityError:
        raise _database_refused() from None


def _store_results(batch: ImportBatch, results: list[RowResult]) -> None:
    """The data changed since the preview: show the rows as they check now."""
    batch.results = [result.as_json() for result in results]
    batch.to_create = sum(1 for result in results if result.action == CREATE)
    batch.to_skip = sum(1 for result in results if result.action == SKIP)
    batch.invalid = sum(1 for result in results if result.action == ERROR)
    batch.save(update_fields=["results", "to_create", "to_skip", "invalid"])


def import_now(user, checked: Checked) -> int:
    """The API's import without a preview: the checked rows, all or none, recorded as a batch without rows."""
    if checked.count(ERROR):
        raise RowsInvalid(checked.results)
    try:
        with transaction.atomic():
            batch = ImportBatch(
                kind=checked.kind, created_by=user, file_name=checked.file_name, sha256=checked.sha256,
                **_target(checked.importer),
            )  # fmt: skip
            return _insert(user, checked.importer, checked.results, batch)
    except IntegrityError:
        raise _database_refused() from None


def discard(batch: ImportBatch, user) -> None:
    if batch.created_by_id != user.pk or not batch.is_open:
        raise DomainError(_("This import is already finished."))
    ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.PREVIEW).update(
        status=ImportBatch.Status.DISCARDED, rows=[], results=[], finished_at=timezone.now()
    )


def discard_stale_batches(now: datetime.datetime | None = None) -> int:
    """Empty the uploads nobody committed or discarded within a day (their rows are personal data)."""
    now = now or timezone.now()
    return ImportBatch.objects.filter(status=ImportBatch.Status.PREVIEW, created_at__lt=now - STALE_AFTER).update(
        status=ImportBatch.Status.EXPIRED, rows=[], results=[], finished_at=now
    )
