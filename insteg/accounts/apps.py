from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "insteg.accounts"
    label = "accounts"
    verbose_name = _("Organisations and people")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from insteg.accounts.middleware import start_clock

        check_settings()
        user_logged_in.connect(start_clock, dispatch_uid="insteg.accounts.session_clock")


def check_settings() -> None:
    """Settings that name roles or limits are checked at start-up: a misspelt role would silently drop 2FA."""
    from insteg.accounts.models import ApiToken, Role

    unknown = sorted(set(settings.INSTEG_TWO_FACTOR_ROLES) - set(Role.values))
    if unknown:
        raise ImproperlyConfigured(
            f"INSTEG_TWO_FACTOR_ROLES names unknown roles {', '.join(unknown)}; the roles are {', '.join(Role.values)}."
        )
    days = settings.REST_KNOX["TOKEN_TTL"].days
    if not ApiToken.MIN_DAYS <= days <= ApiToken.MAX_DAYS:
        raise ImproperlyConfigured(
            f"INSTEG_API_TOKEN_DAYS must be between {ApiToken.MIN_DAYS} and {ApiToken.MAX_DAYS}."
        )
