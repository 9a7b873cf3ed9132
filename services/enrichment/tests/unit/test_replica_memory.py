"""The replica contract suite on the in-memory replica."""
import pytest
from enrichment_memory import MemoryReplica
from replica_contract import ReplicaContract


class TestMemoryReplica(ReplicaContract):
    @pytest.fixture
    def replica(self):
        return MemoryReplica()
