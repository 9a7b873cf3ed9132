"""The fixtures office's use-case tests share: an empty memory unit of work and the dependencies around it.

A test module overrides `clock` (a fixed time) or `memory` (pre-seeded) with a fixture of the same name.
"""
from pathlib import Path

import pytest
from runtime.testing import load_beside

from office.config import OfficeSettings
from office.handlers.context import Deps, utc_now

# the memory fakes (tests/office_memory) as the module `office_memory`, a name no other service uses, loaded by path:
# office's tests/ on sys.path would shadow other services' `integration` test packages in a whole-repository run
MemoryUnitOfWork = load_beside(Path(__file__).resolve().parents[1] / "office_memory").MemoryUnitOfWork


@pytest.fixture
def memory():
    return MemoryUnitOfWork()


@pytest.fixture
def clock():
    return utc_now


@pytest.fixture
def deps(memory, clock):
    return Deps(pool=None, settings=OfficeSettings(service="office-unit"), keyring=None,  # type: ignore[arg-type]
                unit_of_work=memory, clock=clock)
