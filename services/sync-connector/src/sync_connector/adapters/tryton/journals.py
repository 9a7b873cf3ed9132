"""SYN-8 in Tryton: the office's journal templates created as `account.journal` records at activation, each once
(found again by its code, archived ones included). Tryton 8 numbers moves per fiscal year, not per journal, so a
journal needs no sequence of its own."""
from __future__ import annotations

from sync_connector.adapters.tryton.rpc import TrytonRpc
from sync_connector.domain.journals import JournalOutcome, JournalTemplate, outcomes

TRYTON_TYPES = {"purchases": "expense", "sales": "revenue", "financial": "cash", "misc": "general"}


async def ensure_journals(rpc: TrytonRpc, wanted: list[JournalTemplate]) -> list[JournalOutcome]:
    """Create the templates' journals Tryton lacks; returns each template's outcome (idempotent)."""
    if not wanted:
        return []
    existing = await rpc.search_read("account.journal", [], ["code"], context={"active_test": False})
    planned = outcomes(wanted, (j["code"] for j in existing if j["code"]))
    new = [{"code": o.code, "name": o.name, "type": TRYTON_TYPES[o.kind]} for o in planned if o.outcome == "created"]
    if new:
        await rpc.model("account.journal", "create", new)
    return planned
