"""Runs the payments service: `python -m payments`."""
from runtime.service import main as run

from payments.bootstrap import SPEC


def main() -> None:
    run(SPEC)


if __name__ == "__main__":
    main()
