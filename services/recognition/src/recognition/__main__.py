"""Runs the recognition service: `python -m recognition`."""
from runtime.service import main as run

from recognition.bootstrap import SPEC


def main() -> None:
    run(SPEC)


if __name__ == "__main__":
    main()
