"""Runs the notify service: `python -m notify`."""
from runtime.service import main as run

from notify.bootstrap import SPEC


def main() -> None:
    run(SPEC)


if __name__ == "__main__":
    main()
