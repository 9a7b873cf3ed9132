"""Use case: a recognised document becomes one booking proposal (ENR-1..5, WL-3).

One proposal per document: a redelivered or re-read recognition changes nothing; a new recognition of
the same document supersedes the proposal (same id, same document number) unless it read less than the
one before; after a withdrawal the document gets a new proposal.
"""
from __future__ import annotations

import logging
from uuid import UUID, uuid5

from contracts.events.proposals import ProposalCreated
from contracts.events.recognition import DocumentRecognized
from enrichment.adapters.wire_in import document_from
from enrichment.adapters.wire_out import field_confidence, proposal_event
from enrichment.domain import counterparty, duplicates, journals, proposal, status
from enrichment.domain.currency import MAX_AGE_DAYS
from enrichment.domain.counterparty import Match
from enrichment.domain.model import Document, History, Period, ProposalRecord
from enrichment.domain.proposal import Draft, Warning_, WarningCode
from enrichment.domain.words import words_of
from enrichment.handlers.numbering import take_number
from enrichment.handlers.ports import Replica

log = logging.getLogger(__name__)
_PROPOSALS = UUID("6f1c1f0e-8d55-4a55-9a43-3f0c1d7e0a11")  # namespace of proposal ids
_UNREAD = ("technical_error", "unrecognized")


async def propose(replica: Replica, event: DocumentRecognized) -> ProposalCreated | None:
    """The proposal.created for the event; None when there is nothing (new) to propose."""
    if event.dossier_id is None:
        raise ValueError("document.recognized without dossier_id cannot be proposed")
    if event.mailbox == "misc":
        log.info("document %s is in the misc mailbox: filed by the worklist (WL-12), no booking", event.document_id)
        return None
    if not await replica.remember_recognition(event.event_id, event.document_id):
        return None
    current = await replica.active_proposal(event.document_id)
    if current is not None and event.status in _UNREAD and current.status not in _UNREAD:
        log.info("document %s: recognition %s read less than the proposal's; kept", event.document_id, event.event_id)
        return None
    try:
        return await _propose(replica, event, current)
    except (ArithmeticError, ValueError) as exc:  # data recognition let through that no rule can use
        log.warning("document %s: recognised data unusable (%s); proposed as technical error", event.document_id, exc)
        unusable = event.model_copy(update={"invoice": None, "status": "technical_error",
                                            "error_reason": f"the recognised data could not be used: {exc}"[:500]})
        return await _propose(replica, unusable, current)


async def _propose(replica: Replica, event: DocumentRecognized, current: ProposalRecord | None) -> ProposalCreated:
    book = await replica.book(event.dossier_id)
    doc = document_from(event, book.profile.keywords, book.profile.vat_number)
    match = counterparty.match(doc.counterparty, book.parties, book.profile.default_counterparty)
    history = await _history(replica, doc, match)
    rate = None
    if proposal.is_foreign(doc):
        day = doc.issue_date.value if doc.issue_date else doc.received_on
        rate = await replica.rate(doc.currency.value.upper(), day, MAX_AGE_DAYS)
    draft = proposal.assemble(book, doc, match, history, rate)
    proposal_id = current.proposal_id if current else uuid5(_PROPOSALS, f"{event.document_id}:{event.event_id}")
    if doc.recognition != "technical_error":
        await _number(replica, draft, current, book.periods)
    keys = await _duplicates(replica, draft)
    conf = field_confidence(draft)
    assessment = status.assess(draft, conf)
    await replica.save_proposal(doc.dossier_id, ProposalRecord(
        proposal_id, doc.document_id, assessment.status, draft.journal.journal.code, draft.document_number,
        match.vat_number, history.words, draft.fiscal_year), keys)
    return proposal_event(event, draft, assessment, proposal_id, conf)


async def _history(replica: Replica, doc: Document, match: Match) -> History:
    """The counterparty's bookings; without any, the dossier's bookings sharing the document's words."""
    learned = await replica.learned(doc.dossier_id, match.reference, match.vat_number)
    words = words_of(doc.descriptions + ((match.name,) if match.status != "default" else ()))
    worded = await replica.worded(doc.dossier_id, words) if words and not learned else ()
    return History(learned, worded, words)


async def _number(replica: Replica, d: Draft, current: ProposalRecord | None, periods: tuple[Period, ...]) -> None:
    """ENR-4: the journal's next number in the fiscal year of the proposed period (each fiscal year its own count)."""
    journal = d.journal.journal
    d.number_confidence = 0.5 if journal.number_format is None else 0.9
    year = journals.fiscal_year(d.period.period, periods)
    d.fiscal_year = year.key
    if current is not None and (current.journal, current.fiscal_year) == (journal.code, year.key) \
            and current.document_number:
        d.document_number = current.document_number  # superseding keeps the number handed out in that year
        return
    numbered = await take_number(replica, d.doc.dossier_id, journal, d.period.period, periods)
    d.document_number, problem = numbered.document_number, numbered.problem
    if problem:
        d.number_confidence = 0.5
        d.warnings.append(Warning_(WarningCode.NUMBER_FORMAT, problem, "document_number"))


async def _duplicates(replica: Replica, d: Draft) -> tuple[str, ...]:
    doc = d.doc
    keys = duplicates.keys_for(doc.sha256, duplicates.party_keys(d.match) if d.match.status != "default" else (),
                               doc.invoice_number.value if doc.invoice_number else None,
                               doc.total_incl.value if doc.total_incl else None,
                               doc.issue_date.value if doc.issue_date else None)
    hits = await replica.duplicates(doc.dossier_id, keys, doc.document_id)
    for message, related in duplicates.warnings(hits):
        d.warnings.append(Warning_(WarningCode.DUPLICATE, message, None, related))
    return keys
