"""The repositories and the unit of work in memory: for unit tests of the use cases; kept in step with Postgres by
one contract suite (tests/office_repository_contract.py). One module per repository. A test fake: it lives in
tests/ and does not ship; the unit tests import it as `office_memory` (tests/unit/conftest.py loads it by path, runtime.testing.load_beside)."""
from .accounts import MemoryAccounts
from .activity import MemoryActivity
from .api_keys import MemoryApiKeys
from .credentials import MemoryCredentials
from .dossiers import GroupRow, MemoryDossiers
from .groups import MemoryGroups
from .news import MemoryNews
from .offices import MemoryOffices
from .signing_keys import MemorySigningKeys
from .unit_of_work import MemoryUnitOfWork

__all__ = ["GroupRow", "MemoryAccounts", "MemoryActivity", "MemoryApiKeys", "MemoryCredentials", "MemoryDossiers",
           "MemoryGroups", "MemoryNews", "MemoryOffices", "MemorySigningKeys", "MemoryUnitOfWork"]
