"""A draft proposal turned into the proposal.created event."""
from __future__ import annotations

import re
from decimal import Decimal
from uuid import UUID

from contracts.events.common import JournalRef, PeriodRef
from contracts.events.proposals import (Counterparty, ForeignAmount, ProposalCreated, ProposalLine,
                                        ProposalWarning, Totals)
from contracts.events.recognition import DocumentRecognized
from enrichment.domain.currency import eur_per_unit, to_eur
from enrichment.domain.proposal import Draft
from enrichment.domain.status import Assessment

_ORIGIN = {"ubl": "ubl", "cii": "ubl", "pdf_text": "air", "ocr": "air", None: "air"}
ZERO = Decimal("0.00")
_VAT = re.compile(r"[A-Z]{2}[0-9A-Z+*.]{2,13}")
_IBAN = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")


def field_confidence(d: Draft) -> dict[str, float]:
    """Confidence per proposed value, by field path."""
    doc = d.doc
    out = {"counterparty": d.match.confidence, "journal": d.journal.confidence, "period": d.period.confidence,
           "invoice_number": doc.invoice_number.confidence if doc.invoice_number else 0.0,
           "invoice_date": doc.issue_date.confidence if doc.issue_date else 0.0,
           "totals.gross": doc.total_incl.confidence if doc.total_incl else 0.0}
    if d.document_number:
        out["document_number"] = d.number_confidence
    for line in d.lines:
        out[f"lines.{line.line_no}.account"] = line.account_confidence
        out[f"lines.{line.line_no}.vat_code"] = line.vat_confidence
    return {k: round(v, 3) for k, v in out.items()}


def _counterparty(d: Draft) -> Counterparty:
    m = d.match
    vat = m.vat_number if m.vat_number and _VAT.fullmatch(m.vat_number) else None
    iban = m.iban if m.iban and _IBAN.fullmatch(m.iban) else None
    return Counterparty(status=m.status, reference=m.reference, name=m.name, vat_number=vat, country=m.country,
                        iban=iban)


def _totals(d: Draft) -> Totals:
    if d.lines:
        net = sum((x.net for x in d.lines), start=ZERO)
        vat = sum((x.vat for x in d.lines), start=ZERO)
        return Totals(net=net, vat=vat, gross=net + vat)
    gross = to_eur(d.doc.total_incl.value, d.rate) if d.doc.total_incl and not d.rate_missing else ZERO
    return Totals(net=gross, vat=ZERO, gross=gross)


def _foreign(d: Draft) -> ForeignAmount | None:
    if d.rate is None or d.doc.total_incl is None:
        return None
    return ForeignAmount(currency=d.rate.currency, gross=d.doc.total_incl.value, exchange_rate=eur_per_unit(d.rate),
                         rate_date=d.rate.day, rate_source=d.rate.source)


def proposal_event(event: DocumentRecognized, d: Draft, a: Assessment, proposal_id: UUID,
                   conf: dict[str, float]) -> ProposalCreated:
    """proposal.created for the draft, in the recognised event's correlation."""
    doc = d.doc
    lines = tuple(ProposalLine(line_no=x.line_no, account=x.account, vat_code=x.vat_code, vat_rate=x.vat_rate,
                               net_amount=x.net, vat_amount=x.vat, description=x.description, suspense=x.suspense)
                  for x in d.lines)
    j, p = d.journal.journal, d.period.period
    return ProposalCreated(
        correlation_id=event.correlation_id, office_id=event.office_id, dossier_id=event.dossier_id,
        proposal_id=proposal_id, document_id=event.document_id, origin=_ORIGIN.get(doc.source, "air"),
        document_kind=doc.kind, journal=JournalRef(code=j.code, type=j.type, name=j.name),
        period=PeriodRef(code=p.code, start_date=p.start, end_date=p.end), document_number=d.document_number,
        invoice_number=doc.invoice_number.value if doc.invoice_number else None,
        invoice_date=doc.issue_date.value if doc.issue_date else None,
        due_date=doc.due_date.value if doc.due_date else None, counterparty=_counterparty(d), lines=lines,
        totals=_totals(d), foreign=_foreign(d), payment_reference=doc.payment_reference,
        warnings=tuple(ProposalWarning(code=w.code, message=w.message, field=w.field, params=w.params,
                                       related_document_id=w.related_document_id) for w in d.warnings),
        status=a.status, confidence=a.confidence, mailbox=event.mailbox, page_count=event.page_count,
        words_key=event.words_key, field_confidence=conf, reasons=a.reasons,
        e_invoice_check=event.invoice.validation if event.invoice else None,
        searchable_pdf_key=event.searchable_pdf_key)
