"""A booking entered by hand, without a document (REC-2 "type manual", issue 15 item 13).

It is a proposal like any other (origin ``manual``): made from the fields a person typed, checked against the
dossier's replica as an edit of the annotation screen is, with its automatic status; reviewed, sent and booked as
a recognised one (proposal.validated → sync-connector). Its document id names no file (nothing to preview).
"""
from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from worklist.domain.edits import apply_edit
from worklist.domain.errors import FieldProblem, Invalid
from worklist.domain.records import Proposal
from worklist.domain.statuses import automatic_status
from worklist.handlers.annotation import CONTENT_KEYS, TEXT_KEYS
from worklist.handlers.context import Deps

MAILBOXES = ("purchases", "sales")


def blank(proposal_id: uuid.UUID, document_id: uuid.UUID) -> dict[str, Any]:
    """The content of a manual entry before its fields: the shape of proposal.created's content."""
    return {"proposal_id": str(proposal_id), "document_id": str(document_id), "origin": "manual",
            "document_kind": "invoice", "journal": None, "period": None, "document_number": None,
            "invoice_number": None, "invoice_date": None, "due_date": None, "counterparty": None, "lines": [],
            "totals": None, "currency": "EUR", "foreign": None, "payment_reference": None, "warnings": []}


async def create(deps: Deps, dossier: Mapping[str, Any], fields: Mapping[str, Any]) -> Proposal:
    """The new manual proposal in the purchases or sales list; Invalid names every refused field (nothing stored)."""
    mailbox = fields.get("mailbox")
    if mailbox not in MAILBOXES:
        raise Invalid.of([FieldProblem("mailbox", "bad_mailbox", "a manual entry is a purchase or a sale")])
    proposal_id, document_id = uuid.uuid4(), uuid.uuid4()
    edit = {k: fields[k] for k in CONTENT_KEYS if k in fields}
    async with deps.uow() as uow:
        cp = edit.get("counterparty")
        refs = [str(cp["reference"])] if isinstance(cp, Mapping) and cp.get("reference") else []
        choices = await uow.master.choices(dossier, refs, suspense_prefixes=deps.settings.suspense_prefixes)
        content, mailbox = apply_edit(blank(proposal_id, document_id), mailbox, edit, choices)
        auto = automatic_status(content, "incomplete")
        texts = {k: (str(fields[k]).strip()[:limit] or None) for k, limit in TEXT_KEYS.items() if fields.get(k)}
        await uow.proposals.add(Proposal(
            proposal_id=proposal_id, office_id=dossier["office_id"], dossier_id=dossier["dossier_id"],
            document_id=document_id, mailbox=mailbox, status=auto, auto_status=auto, content=content, page_count=0,
            processed_at=datetime.now(timezone.utc), **texts), replace_untouched=False)
        made = await uow.proposals.get(dossier["dossier_id"], proposal_id)
    assert made is not None
    return made
