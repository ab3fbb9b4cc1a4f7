"""The `insteg` console script: Django's manage.py for this project."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "insteg.settings")
    if len(sys.argv) > 1 and sys.argv[1] == "demo":
        # The demo runs without any configuration: settings read this before anything else.
        os.environ.setdefault("INSTEG_DEMO", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
