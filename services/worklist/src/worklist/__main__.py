"""Runs the worklist service: `python -m worklist`."""
from runtime.service import main as run

from worklist.bootstrap import SPEC


def main() -> None:
    run(SPEC)


if __name__ == "__main__":
    main()
