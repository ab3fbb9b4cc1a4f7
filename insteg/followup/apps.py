from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "insteg.followup"
    verbose_name = _("Placement follow-up")
