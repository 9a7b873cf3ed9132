"""Use case: the real next document number of each journal of a dossier (ENR-4), for the journals page."""
from __future__ import annotations

from uuid import UUID

from enrichment.domain import journals
from enrichment.domain.journals import NextNumber
from enrichment.handlers.ports import Replica


async def next_numbers(replica: Replica, dossier_id: UUID) -> list[NextNumber]:
    """What each active journal's next proposal would be numbered, from the counts enrichment keeps."""
    book = await replica.book(dossier_id)
    active = tuple(j for j in journals.merged(book.profile.journals, book.journals) if j.active)
    return journals.next_numbers(active, await replica.counters(dossier_id))
