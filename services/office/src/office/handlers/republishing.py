"""Publishing every dossier of an office again when the snapshot gained a fact (migration 0004: issue 15's admins)."""
from __future__ import annotations

from collections.abc import Callable

from office.domain.ports import UnitOfWork
from office.handlers.context import every_dossier_changed


async def republish_pending(units: Callable[[], UnitOfWork]) -> int:
    """Publish every dossier of each office a migration marked, once (the mark goes in the same transaction as the
    outbox rows), each in a unit of work of its own from ``units``; the number of offices done. Run at start,
    before the service serves."""
    async with units() as uow:
        pending = await uow.offices.pending_republish()
    for office_id in pending:
        async with units() as uow:
            office = await uow.offices.get(office_id)
            if office is not None:
                await every_dossier_changed(uow, office, "assignments", None)
            await uow.offices.republished(office_id)
    return len(pending)
