"""The services' shared test modules live in one Python namespace during `make test`: each service's tests/ folder
goes on sys.path (its conftest), so two `tests/<name>.py` with the same name in two services shadow each other and
one service's suite runs the other's tests (session 9: worklist's repository contract ran ingest's). A shared test
module's name starts with something only its service uses."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_two_services_share_a_test_module_name():
    owners: dict[str, list[str]] = defaultdict(list)
    for module in (ROOT / "services").glob("*/tests/*.py"):
        if module.name != "conftest.py" and not module.name.startswith("test_") and module.name != "__init__.py":
            owners[module.stem].append(module.parent.parent.name)
    clashes = {name: services for name, services in owners.items() if len(services) > 1}
    assert owners and not clashes, f"test modules with the same name in several services: {clashes}"
