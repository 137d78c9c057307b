"""``python -m bench``: build a synthetic site in a throw-away database and measure its pages."""

import argparse
from pathlib import Path

from .database import run_on_throwaway_database

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
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the results as JSON")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server (postgres://user@host:port/postgres) to create a throw-away database on; "
        "a temporary SQLite file otherwise",
    )
    options = parser.parse_args(argv)
    if not 2 <= options.small < options.n:
        parser.error("--small must be at least 2 and smaller than --n")
    if options.repeat < 2:
        parser.error("--repeat must be at least 2")
    return options


def main(argv=None):
    options = parse_args(argv)

    def measure():
        from .run import run  # imports models: only once Django is set up

        return run(options)

    return run_on_throwaway_database(options.database_url, measure)


if __name__ == "__main__":
    raise SystemExit(main())
