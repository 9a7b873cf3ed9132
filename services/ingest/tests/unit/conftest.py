"""Fixtures of the use-case unit tests: the memory repositories and unit of work, a fake object store, no servers."""
from __future__ import annotations

import uuid

import pytest
from runtime.storage import FakeObjectStore

from ingest.config import IngestSettings
from ingest.domain.dossier import Dossier
from ingest.handlers.context import Deps

from ingest_memory import MemoryUnitOfWork

OFFICE = uuid.UUID("00000000-0000-0000-0000-00000000000a")
AUTO = {"auto_transmission": {"purchases": {"enabled": True, "sender_whitelist": ["@supplier.be"]}}}


@pytest.fixture
def memory() -> MemoryUnitOfWork:
    return MemoryUnitOfWork()


@pytest.fixture
def deps(memory) -> Deps:
    settings = IngestSettings(service="ingest-unit", ingest_max_file_bytes=2 * 1024 * 1024, ingest_max_pages=300,
                              ingest_smtp_enabled=False)
    return Deps(pool=None, store=FakeObjectStore(), settings=settings, unit_of_work=memory)  # type: ignore[arg-type]


@pytest.fixture
def dossier(memory) -> Dossier:
    """A dossier whose purchases from @supplier.be skip the mailbox (ING-10)."""
    found = Dossier(uuid.uuid4(), OFFICE, "Dupont", True, AUTO)
    memory.dossiers.put(found, {"dupont.purchases@in.test": "purchases"})
    return found
