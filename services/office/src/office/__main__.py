"""Runs the office service: `python -m office`."""
from runtime.service import main as run

from office.bootstrap import SPEC


def main() -> None:
    run(SPEC)


if __name__ == "__main__":
    main()
