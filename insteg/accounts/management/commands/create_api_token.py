from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from insteg.accounts import services


class Command(BaseCommand):
    help = "Create an API token for USERNAME and print it alone on the last line."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="What the token is for.")

    def handle(self, *, username, name, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user called {username!r}.")
        token, secret = services.create_api_token(user, name=name[:100])
        expiry = token.expiry.date().isoformat() if token.expiry else "never"
        self.stderr.write(f"Token {token.name!r} for {username}, valid until {expiry}:")
        self.stdout.write(secret)
