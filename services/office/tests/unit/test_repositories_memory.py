"""The repository contract suite on the in-memory repositories and unit of work (the fakes of the unit tests)."""
import uuid
from pathlib import Path

import pytest
from runtime.testing import load_beside
from office.domain.office import Office
from office.domain.principals import Account

from office_memory import MemoryUnitOfWork

# the shared suite sits beside the test folders; loaded by its path, because putting office's tests/ on sys.path
# would make its regular `integration` package shadow every other service's `integration` test folder
RepositoryContract = load_beside(Path(__file__).resolve().parents[1] / "office_repository_contract.py").RepositoryContract
StoreContract = load_beside(Path(__file__).resolve().parents[1] / "office_store_contract.py").StoreContract


class MemorySeed:
    """Offices, accounts and client groups put straight into the memory stores."""

    def __init__(self, memory: MemoryUnitOfWork) -> None:
        self.memory = memory

    async def office(self):
        return self.memory.offices.add(Office(id=str(uuid.uuid4()), slug=f"o-{uuid.uuid4().hex[:8]}", name="O",
                                              portal_name="P", default_language="nl"))

    async def account(self, office, kind, name, *, role=None, active=True):
        return self.memory.dossiers.add_account(Account(str(uuid.uuid4()), office.id, kind,
                                                        f"{uuid.uuid4().hex[:8]}@x.example", name, "nl", role, active))

    async def client_group(self, office, name, collaborators):
        return self.memory.dossiers.add_client_group(office.id, name, collaborators)


class TestMemoryRepositories(RepositoryContract, StoreContract):
    @pytest.fixture
    def memory(self):
        return MemoryUnitOfWork()

    @pytest.fixture
    def uow(self, memory):
        return memory

    @pytest.fixture
    def seed(self, memory):
        return MemorySeed(memory)

    @pytest.fixture
    def outbox(self, memory):
        async def published():
            return [e.model_dump(mode="json") for e in memory.published]
        return published
