"""Runs the enrichment service: `python -m enrichment`."""
from runtime.service import main as run

from enrichment.bootstrap import SPEC


def main() -> None:
    run(SPEC)


if __name__ == "__main__":
    main()
