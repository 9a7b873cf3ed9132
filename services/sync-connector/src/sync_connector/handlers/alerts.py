"""A dossier's sync status changed (ACT-1), and when it starts to need support the support team is alerted by
itself (ACT-3): one notification.requested per person allowed support.alerts.receive, with the instruction and a
link to the dossier's Synchronisation tab, once per incident (domain.alerts)."""
from __future__ import annotations

import logging
from uuid import UUID

import asyncpg
from contracts.events.notifications import NotificationRequested, Recipient
from runtime import replica
from runtime.outbox import enqueue

from sync_connector.adapters import repository as repo
from sync_connector.domain.alerts import TEMPLATE, opens_incident, recipients
from sync_connector.domain.status import StatusVerdict

SOURCE = "sync-connector"  # the connector as its outbox names it (re-exported by handlers.context)
log = logging.getLogger(__name__)


async def update_status(conn: asyncpg.Connection, dossier_id: UUID, verdict: StatusVerdict,
                        correlation_id: str) -> None:
    """Record the dossier's sync status; alert support when it opens an incident."""
    before = await repo.set_status(conn, dossier_id, verdict)
    if opens_incident(before, verdict):
        await alert_support(conn, dossier_id, verdict, correlation_id)


async def alert_support(conn: asyncpg.Connection, dossier_id: UUID, verdict: StatusVerdict,
                        correlation_id: str) -> int:
    """Mail the dossier's support people the instruction (through notify) and mark the incident alerted (the
    monitor shows it); returns how many were mailed."""
    dossier = await repo.dossier(conn, dossier_id)
    if dossier is None:
        return 0
    people = recipients(await replica.assignments(conn, dossier_id))
    params = {"dossier": dossier["name"], "instruction": verdict.instruction or "",
              "instruction_code": str(verdict.code or ""), "reason": verdict.params.get("reason", ""),
              "link_path": f"/dossiers/{dossier_id}/sync"}
    requests = [NotificationRequested(
        correlation_id=correlation_id, office_id=dossier["office_id"], dossier_id=dossier_id, template=TEMPLATE,
        recipient=Recipient(email=person.email, name=person.name or None), language=person.language,
        params=params) for person in people]
    if not people:  # nobody on the dossier receives alerts: a request naming nobody, notify sends it to the admins
        log.warning("dossier %s needs support but nobody with support.alerts.receive is on it: the office's "
                    "administrators are alerted", dossier_id)
        requests = [NotificationRequested(correlation_id=correlation_id, office_id=dossier["office_id"],
                                          dossier_id=dossier_id, template=TEMPLATE, recipient=Recipient(),
                                          language="en", params=params)]  # each admin reads their own language
    for request in requests:
        await enqueue(conn, request, source=SOURCE)
    await repo.mark_alerted(conn, dossier_id)
    return len(people)
