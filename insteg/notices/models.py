"""The advertising period: interested suppliers, their questions, and answers published to all at once.

Who asked and who registered is confidential until award (OSL 19 kap. 3 §): those fields are read only
through `access.py` by the buyer's staff, never by public or supplier-facing pages, feeds, emails or API.
A published answer is never changed or deleted; a correction is a new answer that supersedes it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_QUESTION_LENGTH = 5000
MAX_ANSWER_LENGTH = 20000


class InterestedSupplier(models.Model):
    """A supplier that asked to be told of every answer and change in a procurement."""

    procurement = models.ForeignKey(
        "procurement.Procurement", models.CASCADE, related_name="interested", verbose_name=_("procurement")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", models.CASCADE, related_name="interests", verbose_name=_("supplier")
    )
    contact_email = models.EmailField(_("contact email"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("registered by")
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("interested supplier")
        verbose_name_plural = _("interested suppliers")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["procurement", "organisation"], name="one_interest_per_supplier")
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Answer(models.Model):
    """An answer to one or several questions, or a clarification the buyer publishes on its own initiative."""

    class Kind(models.TextChoices):
        ANSWER = "answer", _("Answer to questions")
        CLARIFICATION = "clarification", _("Clarification from the buyer")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    procurement = models.ForeignKey(
        "procurement.Procurement", models.CASCADE, related_name="answers", verbose_name=_("procurement")
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind, default=Kind.ANSWER)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    public_question = models.TextField(
        _("question as published"),
        validators=[MaxLengthValidator(MAX_QUESTION_LENGTH)],
        help_text=_("Neutral wording that does not reveal who asked."),
    )
    text = models.TextField(_("answer"), validators=[MaxLengthValidator(MAX_ANSWER_LENGTH)])
    lot = models.ForeignKey(
        "procurement.Lot", models.SET_NULL, null=True, blank=True, related_name="answers", verbose_name=_("lot")
    )
    requirement = models.ForeignKey(
        "procurement.SocialRequirement",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("social requirement"),
    )
    significant_change = models.BooleanField(
        _("significant change to the procurement documents"),
        default=False,
        help_text=_("A significant change requires the tender deadline to be extended."),
    )
    late_reason = models.TextField(
        _("why a late answer does not affect tender preparation"), max_length=2000, blank=True
    )
    corrects = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="correction", verbose_name=_("corrects")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT, editable=False)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("written by")
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["number", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["procurement", "number"], name="unique_answer_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number or '–'}. {self.public_question[:60]}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_superseded(self) -> bool:
        """A published answer whose correction is published too."""
        correction = getattr(self, "correction", None)
        return correction is not None and correction.is_published

    def delete(self, *args, **kwargs):
        if self.is_published:
            raise ValidationError(_("A published answer is never deleted; publish a correction instead."))
        return super().delete(*args, **kwargs)


class Question(models.Model):
    """A supplier's question as received. The asker is confidential; the public sees only the answer's wording."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ANSWERED = "answered", _("Answered")

    procurement = models.ForeignKey(
        "procurement.Procurement", models.CASCADE, related_name="questions", verbose_name=_("procurement")
    )
    lot = models.ForeignKey(
        "procurement.Lot", models.SET_NULL, null=True, blank=True, related_name="questions", verbose_name=_("lot")
    )
    requirement = models.ForeignKey(
        "procurement.SocialRequirement",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("social requirement"),
    )
    text = models.TextField(_("question"), validators=[MaxLengthValidator(MAX_QUESTION_LENGTH)])
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("asked by"))
    asking_organisation = models.ForeignKey(
        "accounts.Organisation", models.PROTECT, related_name="+", verbose_name=_("asking supplier")
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    in_good_time = models.BooleanField(
        _("in good time"), default=True, help_text=_("Received on or before the question deadline.")
    )
    answer = models.ForeignKey(
        Answer, models.SET_NULL, null=True, blank=True, related_name="questions", verbose_name=_("answer")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.RECEIVED, editable=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["received_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class DeadlineExtension(models.Model):
    """A later tender deadline, so that late answers or a significant change leave suppliers enough time."""

    procurement = models.ForeignKey(
        "procurement.Procurement", models.CASCADE, related_name="deadline_extensions", verbose_name=_("procurement")
    )
    previous_deadline = models.DateField(_("previous tender deadline"))
    new_deadline = models.DateField(_("new tender deadline"))
    answer = models.ForeignKey(
        Answer, models.SET_NULL, null=True, blank=True, related_name="extensions", verbose_name=_("because of")
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(new_deadline__gt=models.F("previous_deadline")), name="extension_is_later"
            )
        ]

    def __str__(self) -> str:
        return f"{self.previous_deadline} → {self.new_deadline}"
