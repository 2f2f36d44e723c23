"""python -m bench [--scale N] [--growth N] [--repeat N] [--keep] [--output PATH]: what `make bench` runs."""

import argparse
import os
import sys
import warnings
from pathlib import Path

import django

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Generate data in a fresh database and measure the portal's pages (see docs/performance.md).",
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="1 = the programme's real size (default), 10 = the target"
    )
    parser.add_argument(
        "--growth",
        type=float,
        default=None,
        help="also generate this scale in a second database and measure every page on both in turn (e.g. 100)",
    )
    parser.add_argument("--repeat", type=int, default=20, help="requests per page for the median (default 20)")
    parser.add_argument("--only", default="", help="measure only the pages whose name contains this text")
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards, to look into it")
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the table (default docs/performance.md)"
    )
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.scale <= 0:
        parser.error("--repeat must be at least 1 and --scale more than 0")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cjhp.settings")
    # The development settings (no manifest of collected static files needed); pages are measured with DEBUG off.
    os.environ.setdefault("DEBUG", "true")
    # WhiteNoise looks for collected static files; the bench requests no static file.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from bench.runner import run

    run(
        scale=args.scale,
        repeat=args.repeat,
        only=args.only,
        keep=args.keep,
        output=None if args.no_write else args.output,
        growth=args.growth,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
