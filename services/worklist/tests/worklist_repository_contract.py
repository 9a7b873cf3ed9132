"""One suite for every implementation of the worklist's repositories and unit of work (memory and Postgres), so the
fakes the unit tests use cannot drift from the real ones. Subclasses provide ``uow`` (a fresh unit of work over the
same store each time it is called) and ``outbox`` (the events published so far, as JSON dicts).

The suite is in three parts by what they store: proposals and the unit of work (worklist_contract_proposals), the
lists (worklist_contract_lists), and documents, master data and failures (worklist_contract_records); the data they
share is in worklist_contract_data. Every module name starts with ``worklist_``: the services' test folders share
one namespace in ``make test`` (tests/architecture/test_test_helpers.py)."""
from __future__ import annotations

from worklist_contract_lists import ListsContract
from worklist_contract_proposals import ProposalsContract
from worklist_contract_records import RecordsContract


class RepositoryContract(ProposalsContract, ListsContract, RecordsContract):
    """The behaviour both implementations share (WL-3..12's storage)."""
