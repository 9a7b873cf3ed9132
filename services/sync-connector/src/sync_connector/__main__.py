"""Runs the sync-connector service: `python -m sync_connector`."""
from runtime.service import main as run

from sync_connector.bootstrap import SPEC


def main() -> None:
    run(SPEC)


if __name__ == "__main__":
    main()
