"""Sync-connector tests: the test helpers (sync_testkit) importable under a name no other service uses."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import pytest  # noqa: E402


@pytest.fixture(scope="module")
def tryton_code():
    """A Tryton dossier of the stack for the module's tests (a module wanting one per test overrides it)."""
    from sync_testkit import create_tryton_dossier, drop_tryton_dossier, new_code, run_apart

    code = new_code()
    run_apart(create_tryton_dossier(code))
    yield code
    drop_tryton_dossier(code)


@pytest.fixture(params=["fake", "tryton"])
async def world(request):
    """(adapter, dossier code) with the same starting data in both: the adapter contract runs on each."""
    from sync_fake_adapter import FakeAdapter
    from sync_testkit import new_code, seed_fake, tryton_adapter

    if request.param == "fake":
        adapter, code = FakeAdapter(), new_code()
        seed_fake(adapter, code)
    else:
        adapter, code = tryton_adapter(), request.getfixturevalue("tryton_code")
    yield adapter, code
    await adapter.close()
