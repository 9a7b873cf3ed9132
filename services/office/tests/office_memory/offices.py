"""The offices repository in memory (domain.ports.Offices)."""
from __future__ import annotations

import copy
import uuid

from office.adapters.dossiers import as_uuid
from office.domain.office import Office


class MemoryOffices:
    """Implements domain.ports.Offices in a dictionary; ``pending`` are the offices a migration marked."""

    def __init__(self) -> None:
        self.rows: dict[str, Office] = {}
        self.pending: set[str] = set()

    def add(self, office: Office) -> Office:
        """Put an office in as it is (unit tests)."""
        self.rows[office.id] = copy.deepcopy(office)
        return office

    async def get(self, office_id: str, *, for_update: bool = False) -> Office | None:
        oid = as_uuid(office_id)
        found = self.rows.get(str(oid)) if oid else None
        return copy.deepcopy(found) if found is not None else None

    async def by_slug(self, slug: str) -> Office | None:
        found = next((o for o in self.rows.values() if o.slug == slug), None)
        return copy.deepcopy(found) if found is not None else None

    async def create(self, *, slug: str, name: str, portal_name: str, language: str) -> str:
        office_id = str(uuid.uuid4())
        self.rows[office_id] = Office(id=office_id, slug=slug, name=name, portal_name=portal_name,
                                      default_language=language)
        return office_id

    async def save(self, office: Office) -> None:
        self.rows[office.id] = copy.deepcopy(office)

    async def pending_republish(self) -> list[str]:
        return sorted(self.pending)

    async def republished(self, office_id: str) -> None:
        self.pending.discard(office_id)
