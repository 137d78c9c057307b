"""``python -m bench``: build a synthetic site in a throw-away database and measure its pages."""

import argparse
from pathlib import Path

from .database import add_output_arguments, check_sizes, run_on_throwaway_database

DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "latest.json"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="standard pages in the large tree (default: 1000)")
    parser.add_argument("--small", type=int, default=10, help="standard pages in the small tree (default: 10)")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per case (default: 30)")
    parser.add_argument(
        "--cases",
        help="comma-separated names of the cases to measure (default: all); "
        "the bare view is always measured, as the yardstick",
    )
    add_output_arguments(parser, DEFAULT_JSON)
    options = parser.parse_args(argv)
    check_sizes(parser, options, smallest=2)
    return options


def main(argv=None):
    options = parse_args(argv)

    def measure():
        from .run import run  # imports models: only once Django is set up

        return run(options)

    return run_on_throwaway_database(options.database_url, measure)


if __name__ == "__main__":
    raise SystemExit(main())
