"""The repository contract suite on the in-memory repositories and unit of work (the fakes of the unit tests)."""
import pytest
from worklist_memory import MemoryUnitOfWork
from worklist_repository_contract import RepositoryContract


class TestMemoryRepositories(RepositoryContract):
    @pytest.fixture
    def memory(self):
        return MemoryUnitOfWork()

    @pytest.fixture
    def uow(self, memory):
        return memory

    @pytest.fixture
    def outbox(self, memory):
        async def published():
            return [e.model_dump(mode="json") for e in memory.published]
        return published
