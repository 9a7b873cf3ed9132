"""Runs the reporting service: `python -m reporting`."""
from runtime.service import main as run

from reporting.bootstrap import SPEC


def main() -> None:
    run(SPEC)


if __name__ == "__main__":
    main()
