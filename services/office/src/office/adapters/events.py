"""What the office tells the others, through the outbox in the transaction of the change."""
from __future__ import annotations

import uuid
from collections.abc import Iterable

import asyncpg
from contracts.envelope import Event
from contracts.events.dossiers import DossierChanged
from contracts.events.notifications import NotificationRequested, Recipient
from runtime import context
from runtime.outbox import enqueue

from office.domain.dossier import DossierView, snapshot
from office.domain.office import Office
from office.domain.ports import Dossiers
from office.domain.principals import Account

SOURCE = "office"


def _correlation() -> str:
    return context.correlation_id.get() or str(uuid.uuid4())


def changed_event(office_id: str, view: DossierView, change: str, actor: str | None) -> DossierChanged:
    """DossierChanged with the full snapshot of the dossier as the view has it."""
    return DossierChanged(
        correlation_id=_correlation(), office_id=uuid.UUID(office_id), dossier_id=uuid.UUID(view.id),
        change=change, changed_by=uuid.UUID(actor) if actor else None, dossier=snapshot(view),
    )


async def changed_events(dossiers: Dossiers, office: Office, dossier_ids: Iterable[str], change: str,
                         actor: str | None) -> list[DossierChanged]:
    """DossierChanged for each of the dossiers (by id, once each) as the repository has them now; gone ones
    left out."""
    found = []
    for dossier_id in sorted(set(dossier_ids)):
        view = await dossiers.load(dossier_id, office)
        if view is not None:
            found.append(changed_event(office.id, view, change, actor))
    return found


async def write(conn: asyncpg.Connection, event: Event) -> None:
    """Write one of the office's events to the outbox, in the connection's transaction."""
    await enqueue(conn, event, source=SOURCE)


def notification(office: Office, account: Account, template: str, params: dict[str, str]) -> NotificationRequested:
    """Asking notify to e-mail the account (welcome, password reset); params never carry a password."""
    return NotificationRequested(
        correlation_id=_correlation(), office_id=uuid.UUID(office.id), template=template,
        recipient=Recipient(user_id=uuid.UUID(account.id), email=account.email, name=account.name),
        language=account.language, channel="email",
        params={"office_name": office.name, "portal_name": office.portal_name, "office_slug": office.slug,
                "user_name": account.name, **params},
    )
