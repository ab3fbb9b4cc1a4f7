from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from insteg.accounts import services
from insteg.accounts.models import ApiToken


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print it alone on the last line."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for.")
        parser.add_argument(
            "--scope",
            choices=ApiToken.Scope.values,
            default=ApiToken.Scope.READ_WRITE,
            help="read (GET only) or read_write (the default).",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"How long the token lasts, {ApiToken.MIN_DAYS}–{ApiToken.MAX_DAYS} days "
            f"(default {services.default_token_days()}).",
        )

    def handle(self, *, username, name, scope, days, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user called {username!r}.")
        try:
            token, secret = services.create_api_token(user, name=name[:100], scope=scope, days=days)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        expiry = token.expiry.date().isoformat() if token.expiry else "never"
        self.stderr.write(f"Token {token.name!r} ({token.scope}) for {username}, valid until {expiry}:")
        self.stdout.write(secret)
