from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from insteg.lib.append_only import AppendOnlyError, AppendOnlyMixin, AppendOnlyQuerySet


class AuditEventQuerySet(AppendOnlyQuerySet):
    def visible_to(self, user):
        if user.is_authenticated and user.is_administrator:
            return self
        return self.none()


class AuditEvent(AppendOnlyMixin, models.Model):
    """One thing that happened, written by a service in the same transaction as the change.

    `data` holds ids and codes only, never free text about a person.
    """

    action = models.CharField(_("action"), max_length=100, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    target_type = models.ForeignKey(ContentType, models.PROTECT, null=True, blank=True, verbose_name=_("target type"))
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class ConsentPurpose(models.TextChoices):
    """Processing that rests on consent (GDPR art. 6.1 a); everything else in Insteg rests on 6.1 e."""

    TRAINING_REGISTRATION = "training_registration", _("Supervisor training registration")


class ConsentTextQuerySet(models.QuerySet):
    def current(self, purpose: str) -> "ConsentText":
        """The newest published version. A migration publishes version 1; a database emptied since (a
        flushed test database) gets it back here rather than a registration without its consent text."""
        from insteg.privacy.consent_texts import ensure_first_versions

        current = self.filter(purpose=purpose).order_by("-version").first()
        if current is None:
            ensure_first_versions()
            current = self.filter(purpose=purpose).order_by("-version").first()
        return current


class ConsentText(models.Model):
    """One version of the text a person agrees to (art. 7.1: the controller must be able to show it).

    Versions are never changed: a registration points at the version it was given under, so a new wording
    is a new row.
    """

    purpose = models.CharField(_("purpose"), max_length=40, choices=ConsentPurpose)
    version = models.PositiveIntegerField(_("version"))
    text_sv = models.TextField(_("text in Swedish"), max_length=2000)
    text_en = models.TextField(_("text in English"), max_length=2000)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    objects = ConsentTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["purpose", "-version"]
        constraints = [models.UniqueConstraint(fields=["purpose", "version"], name="consent_text_version_unique")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("A published consent text cannot be changed; publish a new version.")
        super().save(*args, **kwargs)

    @property
    def text(self) -> str:
        """In the reader's language: what they see is what they agree to."""
        return self.text_en if (get_language() or "sv").startswith("en") else self.text_sv
