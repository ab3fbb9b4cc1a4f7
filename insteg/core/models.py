from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessibilityFeedbackQuerySet(models.QuerySet):
    def new(self):
        return self.filter(status=AccessibilityFeedback.Status.NEW)


class AccessibilityFeedback(models.Model):
    """A report that part of Insteg is not accessible (lag 2018:1937 12 §): anyone may send one, signed in or not.

    The reply address is personal data, kept only to answer the person: the retention rule "accessibility_feedback"
    blanks it (the report stays) once the municipality has put the rule in force.
    """

    PAGE_MAX_LENGTH = 500
    PROBLEM_MAX_LENGTH = 5000

    class Status(models.TextChoices):
        NEW = "new", _("New")
        HANDLED = "handled", _("Handled")

    page = models.CharField(_("page concerned"), max_length=PAGE_MAX_LENGTH, blank=True)
    problem = models.TextField(_("what the problem is"), max_length=PROBLEM_MAX_LENGTH)
    email = models.EmailField(_("e-mail address for a reply"), blank=True)
    language = models.CharField(_("language of the page"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.NEW)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("handled by")
    )

    objects = AccessibilityFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.page or '–'}"
