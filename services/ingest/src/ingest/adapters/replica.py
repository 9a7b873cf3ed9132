"""Postgres replica of what ingest needs from dossier.changed: office, settings, inbound addresses."""
from __future__ import annotations

from typing import Any
from uuid import UUID

import asyncpg
from contracts.events.dossiers import DossierChanged


async def apply(conn: asyncpg.Connection, event: DossierChanged) -> None:
    """Replace what ingest holds of the dossier with the event's snapshot (addresses included)."""
    snap = event.dossier
    settings = snap.settings.model_dump(mode="json", include={"portal_scope", "validation_mode", "payment_module",
                                                              "financial_tab", "hide_financial_data",
                                                              "auto_transmission", "language"})
    active = snap.active and snap.status != "archived"
    await conn.execute(
        "INSERT INTO dossiers (dossier_id, office_id, name, active, settings, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT (dossier_id) DO UPDATE SET office_id = $2, name = $3, "
        "active = $4, settings = $5, updated_at = now()",
        event.dossier_id, event.office_id, snap.name, active, settings)
    await conn.execute("DELETE FROM inbound_addresses WHERE dossier_id = $1", event.dossier_id)
    for box in snap.mailboxes:
        await conn.execute("INSERT INTO inbound_addresses VALUES ($1, $2, $3) ON CONFLICT (address) DO UPDATE "
                           "SET dossier_id = $2, mailbox = $3", box.address.strip().lower(), event.dossier_id,
                           box.mailbox)


async def dossier(conn: asyncpg.Connection | asyncpg.Pool, dossier_id: UUID) -> dict[str, Any] | None:
    """The replicated dossier, or None when ingest never heard of it."""
    row = await conn.fetchrow("SELECT * FROM dossiers WHERE dossier_id = $1", dossier_id)
    return dict(row) if row else None


async def by_address(conn: asyncpg.Connection | asyncpg.Pool, address: str) -> tuple[dict[str, Any], str] | None:
    """The active dossier and mailbox of an inbound address (case-insensitive), or None."""
    row = await conn.fetchrow(
        "SELECT d.*, a.mailbox AS inbound_mailbox FROM inbound_addresses a JOIN dossiers d USING (dossier_id) "
        "WHERE a.address = $1 AND d.active", address.strip().lower())
    if row is None:
        return None
    found = dict(row)
    return found, found.pop("inbound_mailbox")
