"""Runs the portal service: `python -m portal`."""
from runtime.service import main as run

from portal.bootstrap import SPEC


def main() -> None:
    run(SPEC)


if __name__ == "__main__":
    main()
