"""Retention (gallring) as data: which records go, when, how, and under which disposal decision.

Swedish archive law (arkivlagen 1990:782, domain research §6.4) allows public records to be disposed of only
under a decision of the archive authority, so a rule without a decision reference never acts. Every disposal
leaves a `DisposalRecord` (what kind, how many, under which decision, by whom) and no personal data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordType(models.TextChoices):
    """The kinds of record a rule can dispose of; each has a handler in `insteg.retention.record_types`."""

    PARTICIPANT = "participant", _("Participants (identities)")
    TRAINING_REGISTRATION = "training_registration", _("Supervisor-training registrations")
    PARTICIPANT_VIEW = "participant_view", _("View log of participant data")
    ACCESSIBILITY_FEEDBACK = "accessibility_feedback", _("Reply addresses in accessibility feedback")


class Trigger(models.TextChoices):
    """The date a rule's period counts from."""

    PLACEMENT_END = "placement_end", _("The participant's last placement ended (or registration, if never placed)")
    SESSION_DATE = "session_date", _("The training session took place")
    RECORD_CREATED = "record_created", _("The record was created")


class Action(models.TextChoices):
    ANONYMISE = "anonymise", _("Anonymise (keep what statistics need)")
    DELETE = "delete", _("Delete")


class RetentionRuleQuerySet(models.QuerySet):
    def acting(self):
        """Rules that may dispose of records: enabled and resting on a disposal decision."""
        return self.filter(enabled=True).exclude(decision_ref="")

    def for_record_type(self, record_type: str) -> "RetentionRule | None":
        return self.filter(record_type=record_type).first()


class RetentionRule(models.Model):
    record_type = models.CharField(_("record type"), max_length=30, choices=RecordType, unique=True)
    months = models.PositiveSmallIntegerField(_("retention period (months)"))
    trigger = models.CharField(_("counted from"), max_length=20, choices=Trigger)
    action = models.CharField(_("action"), max_length=10, choices=Action)
    decision_ref = models.CharField(
        _("disposal decision"),
        max_length=200,
        blank=True,
        help_text=_("The archive authority's decision, for example “KS 2024/123 Dokumenthanteringsplan § 4.2”."),
    )
    enabled = models.BooleanField(_("in force"), default=False)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("changed by")
    )

    objects = RetentionRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        ordering = ["record_type"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(enabled=False) | ~models.Q(decision_ref=""), name="rule_in_force_has_decision"
            ),
            models.CheckConstraint(condition=models.Q(months__gte=1, months__lte=1200), name="rule_months_range"),
        ]

    def __str__(self) -> str:
        return str(self.get_record_type_display())

    @property
    def is_acting(self) -> bool:
        return self.enabled and bool(self.decision_ref)


class LegalHold(models.Model):
    """Stops disposal of one record (court review, överprövning, a records request) until released."""

    record_type = models.CharField(_("record type"), max_length=30, choices=RecordType)
    record_id = models.PositiveBigIntegerField(_("record id"))
    reason = models.CharField(_("reason"), max_length=200)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("placed by")
    )
    placed_at = models.DateTimeField(_("placed"), auto_now_add=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("released by")
    )
    released_at = models.DateTimeField(_("released"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-placed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "record_id"],
                condition=models.Q(released_at__isnull=True),
                name="one_active_hold_per_record",
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_id}"


class DisposalBatch(models.Model):
    """What one rule found due on one day, waiting for an administrator's approval (ids only, no names)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        APPLIED = "applied", _("Carried out")
        REJECTED = "rejected", _("Not approved")

    rule = models.ForeignKey(RetentionRule, models.PROTECT, related_name="batches", verbose_name=_("rule"))
    record_ids = models.JSONField(_("records"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PROPOSED)
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("disposal proposal")
        verbose_name_plural = _("disposal proposals")
        ordering = ["-proposed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.rule} ({len(self.record_ids)})"


class DisposalRecord(models.Model):
    """Metadata kept for every disposal (what kind, how many, under which decision, by whom); no personal data."""

    batch = models.ForeignKey(
        DisposalBatch, models.PROTECT, null=True, blank=True, related_name="records", verbose_name=_("proposal")
    )
    record_type = models.CharField(_("record type"), max_length=30, choices=RecordType)
    action = models.CharField(_("action"), max_length=10, choices=Action)
    count = models.PositiveIntegerField(_("number of records"))
    held_back = models.PositiveIntegerField(_("held back by a legal hold"), default=0)
    no_longer_due = models.PositiveIntegerField(_("no longer due when carried out"), default=0)
    months = models.PositiveSmallIntegerField(_("retention period (months)"))
    decision_ref = models.CharField(_("disposal decision"), max_length=200)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("approved by")
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("carried out by"),
    )
    applied_at = models.DateTimeField(_("carried out"), auto_now_add=True)

    class Meta:
        verbose_name = _("disposal record")
        verbose_name_plural = _("disposal records")
        ordering = ["-applied_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.applied_at:%Y-%m-%d} {self.record_type} × {self.count}"
