import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from insteg.accounts.demo import ACCOUNTS, demo_password
from insteg.core.demo import seed_all


class Command(BaseCommand):
    help = "Prepare the demo database with Östersund's demo data and serve Insteg on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Prepare the data only.")

    def handle(self, *, port, no_serve, **options):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        seed_all()
        self._print_accounts(port)
        if no_serve:
            return
        worker = self._start_worker()
        # Stopping the demo with SIGTERM (as with Ctrl-C) must stop the worker too.
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)

    def _print_accounts(self, port: int) -> None:
        password = demo_password()
        self.stdout.write(self.style.SUCCESS(f"Insteg demo data is ready in {settings.DATA_DIR}"))
        self.stdout.write(f"\nSign in at http://127.0.0.1:{port}/accounts/login/ with password {password!r}:\n")
        for username, first, last, _org, _role, who in ACCOUNTS:
            self.stdout.write(f"  {username:<13} {first} {last}, {who}")
        if not settings.INSTEG_REQUIRE_TWO_FACTOR:
            self.stdout.write(
                "\nTwo-factor authentication is not required in this demo "
                "(set INSTEG_REQUIRE_TWO_FACTOR=true to try it)."
            )
        if mail_dir := getattr(settings, "EMAIL_FILE_PATH", None):
            self.stdout.write(f"\nEmails are written as files to {mail_dir}\n")

    def _start_worker(self) -> subprocess.Popen:
        """Deferred work (emails) runs in a second process, as in production."""
        self.stdout.write("Starting the task worker (insteg db_worker) beside the web server.")
        return subprocess.Popen(  # noqa: S603 - our own interpreter and command
            [sys.executable, "-m", "insteg", "db_worker", "--interval", "1"],
        )
