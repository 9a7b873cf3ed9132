"""The repositories and the unit of work in memory: for unit tests of the use cases; kept in step with Postgres by
one contract suite (tests/office_repository_contract.py). One module per repository."""
from office.adapters.memory.accounts import MemoryAccounts
from office.adapters.memory.activity import MemoryActivity
from office.adapters.memory.api_keys import MemoryApiKeys
from office.adapters.memory.credentials import MemoryCredentials
from office.adapters.memory.dossiers import GroupRow, MemoryDossiers
from office.adapters.memory.groups import MemoryGroups
from office.adapters.memory.news import MemoryNews
from office.adapters.memory.offices import MemoryOffices
from office.adapters.memory.signing_keys import MemorySigningKeys
from office.adapters.memory.unit_of_work import MemoryUnitOfWork

__all__ = ["GroupRow", "MemoryAccounts", "MemoryActivity", "MemoryApiKeys", "MemoryCredentials", "MemoryDossiers",
           "MemoryGroups", "MemoryNews", "MemoryOffices", "MemorySigningKeys", "MemoryUnitOfWork"]
