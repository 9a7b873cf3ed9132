"""The repository contract suite on the in-memory repositories and unit of work (the fakes of the unit tests)."""
import pytest
from ingest.domain.dossier import Dossier

from ingest_memory import MemoryUnitOfWork
from ingest_repository_contract import RepositoryContract


class TestMemoryRepositories(RepositoryContract):
    @pytest.fixture
    def memory(self):
        return MemoryUnitOfWork()

    @pytest.fixture
    def uow(self, memory):
        return memory

    @pytest.fixture
    def replicate(self, memory):
        async def put(office, dossier, settings, addresses, active=True):
            memory.dossiers.put(Dossier(dossier, office, "D", active, settings), addresses)
        return put

    @pytest.fixture
    def outbox(self, memory):
        async def published():
            return [e.model_dump(mode="json") for e in memory.published]
        return published
