"""The fixtures office's use-case tests share: an empty memory unit of work and the dependencies around it.

A test module overrides `clock` (a fixed time) or `memory` (pre-seeded) with a fixture of the same name.
"""
import pytest

from office.config import OfficeSettings
from office.handlers.context import Deps, utc_now

from ..office_memory import MemoryUnitOfWork


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
