"""The data of the worklist's repository contract suite (worklist_repository_contract): a complete proposal, its
withdrawal, and adding proposals through a unit of work."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timezone

from contracts.events.proposals import ProposalWithdrawn

from worklist.domain.records import Proposal

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
ACTOR = {"kind": "collaborator", "user_id": str(uuid.UUID(int=7)), "name": "Collaborator"}


def proposal(dossier: uuid.UUID, **values) -> Proposal:
    """A complete purchase proposal of the dossier; ``values`` override any field."""
    pid, doc = uuid.uuid4(), uuid.uuid4()
    content = {"proposal_id": str(pid), "document_id": str(doc), "origin": "recognized", "document_kind": "invoice",
               "invoice_number": "F-1", "invoice_date": "2026-02-03", "currency": "EUR", "lines": [], "warnings": [],
               "journal": {"code": "ACH", "type": "purchases"}, "totals": {"gross": "121.00"},
               "counterparty": {"name": "Acme", "status": "known", "reference": "C1"}}
    fields = dict(proposal_id=pid, office_id=uuid.UUID(int=1), dossier_id=dossier, document_id=doc,
                  mailbox="purchases", status="complete", auto_status="complete", content=content, processed_at=NOW,
                  page_count=2, confidence=0.9, words_key=f"w/{doc}", reasons=["ok"], field_confidence={"f": 0.5})
    fields.update(values)
    return Proposal(**fields)


def withdrawn(p: Proposal) -> ProposalWithdrawn:
    return ProposalWithdrawn(correlation_id="t", office_id=p.office_id, dossier_id=p.dossier_id,
                             proposal_id=p.proposal_id, document_id=p.document_id, withdrawn_by=ACTOR)


def stored(p: Proposal) -> Proposal:
    """The proposal without what the store sets (timestamps), to compare with what was given."""
    return replace(p, created_at=None, updated_at=None)


async def add(uow, *proposals: Proposal, replace_untouched: bool = True) -> list[bool]:
    async with uow() as u:
        return [await u.proposals.add(p, replace_untouched=replace_untouched) for p in proposals]
