"""An uploaded file between its preview and its commit.

The rows (people's names, for a participant list) live here only while the uploader looks at the preview:
committing or discarding empties them, and batches left waiting longer than a day are emptied by the daily
job (`services.discard_stale_batches`). What stays is who imported what file, when, and the counts.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    class Kind(models.TextChoices):
        PARTICIPANTS = "participants", _("Participants")
        POSITIONS = "positions", _("Positions")

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Waiting for a decision")
        COMMITTED = "committed", _("Imported")
        DISCARDED = "discarded", _("Discarded")
        EXPIRED = "expired", _("Expired unused")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    municipality = models.ForeignKey(
        "accounts.Organisation",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    contract = models.ForeignKey(
        "contracts.Contract", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("contract")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("uploaded by")
    )
    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    # [[row number, {column key: text}], ...]: the cells as read, validated again at commit.
    rows = models.JSONField(_("rows"), default=list, blank=True)
    # The preview, row by row: [{"row", "action", "label", "errors": [{"column", "message"}]}].
    results = models.JSONField(_("preview"), default=list, blank=True)
    notes = models.JSONField(_("notes on the file"), default=list, blank=True)
    total = models.PositiveIntegerField(_("rows"), default=0)
    to_create = models.PositiveIntegerField(_("new"), default=0)
    to_skip = models.PositiveIntegerField(_("already there"), default=0)
    invalid = models.PositiveIntegerField(_("rows with errors"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PREVIEW)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PREVIEW

    @property
    def can_commit(self) -> bool:
        return self.is_open and self.invalid == 0 and self.total > 0
