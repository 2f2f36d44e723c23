#!/usr/bin/env python
"""Django's command-line utility for the CJHP Portal."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cjhp.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        # A wrong setting (DATABASE_URL, SECRET_KEY, ...) deserves one clear line, not a traceback.
        sys.exit(f"Configuration error: {error}")
    except OperationalError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else error.__class__.__name__
        sys.exit(f"Cannot use the database named by DATABASE_URL: {first_line}")


if __name__ == "__main__":
    main()
