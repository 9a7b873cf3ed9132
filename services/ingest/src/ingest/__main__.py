"""Runs the ingest service: `python -m ingest`."""
from runtime.service import main as run

from ingest.bootstrap import SPEC


def main() -> None:
    run(SPEC)


if __name__ == "__main__":
    main()
