"""Impact parameters as data (domain research §4.2 and §4.4): scenario values with their source and certainty,
never measured effects. Administrators keep them up to date; the history says who changed what."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from insteg.rules.models import Certainty


class ImpactParameter(models.Model):
    class Unit(models.TextChoices):
        PER_PERSON_YEAR = "sek_per_person_year", _("SEK per person-year")
        LIFETIME = "sek_lifetime", _("SEK over a lifetime")
        PER_MONTH = "sek_per_month", _("SEK per month")
        SHARE = "share", _("share (0–1)")

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    value_low = models.DecimalField(
        _("value (low)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    value_high = models.DecimalField(
        _("value (high)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    unit = models.CharField(_("unit"), max_length=30, choices=Unit)
    price_year = models.PositiveSmallIntegerField(_("price year"))
    source_title = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    certainty = models.CharField(_("certainty"), max_length=12, choices=Certainty)
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("impact parameter")
        verbose_name_plural = _("impact parameters")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "sv").startswith("en") else self.name_sv
