"""The synthetic invoices as recognition would report them (with its usual gaps and misreadings), and the
final bookings as sync-connector would report them after posting."""
from __future__ import annotations

import hashlib
import random
import uuid
from datetime import datetime, time, timezone
from decimal import Decimal

from contracts.events.common import JournalRef, PeriodRef
from contracts.events.ledger import Booking, PostedLine
from contracts.events.proposals import ProposalCreated
from contracts.events.recognition import (DocumentRecognized, RecognizedAmount, RecognizedDate, RecognizedInvoice,
                                          RecognizedLine, RecognizedParty, RecognizedText, RecognizedVatRate)

from enrichment_bench.world import Dossier, Invoice, Partner

OFFICE = uuid.UUID("00000000-0000-4000-8000-0000000000e1")
CENT = Decimal("0.01")


def _t(value, confidence=0.95):
    return RecognizedText(value=value, confidence=confidence) if value else None


def _misread_name(rng: random.Random, name: str) -> str:
    roll = rng.random()
    if roll < 0.3:
        return " ".join(name.split()[:-1]).upper()  # no legal form, capitals
    if roll < 0.4:
        i = rng.randrange(1, len(name) - 1)
        return name[:i] + name[i + 1:]  # a letter lost
    return name


def _party(rng: random.Random, p: Partner) -> RecognizedParty:
    vat = p.vat if p.vat and rng.random() > 0.15 else None
    return RecognizedParty(name=_t(_misread_name(rng, p.name), 0.9), vat_number=_t(vat, 0.97),
                           iban=_t(p.iban if rng.random() < 0.75 else None, 0.93), country=_t(p.country, 0.9))


def recognised(rng: random.Random, d: Dossier, dossier_id: uuid.UUID, inv: Invoice) -> DocumentRecognized:
    """document.recognized for an invoice: the VAT number missed now and then, names misread, IBAN not always."""
    rows = tuple(RecognizedVatRate(rate=r, taxable=n, vat=(n * r / 100).quantize(CENT), confidence=0.97)
                 for r, n in inv.amounts)
    net, vat = sum(x.taxable for x in rows), sum(x.vat for x in rows)
    me = RecognizedParty(name=_t(d.name), vat_number=_t(f"BE0{int(hashlib.sha256(d.code.encode()).hexdigest(), 16) % 10**9:09d}"))
    them = _party(rng, inv.partner)
    purchase = inv.partner.direction == "purchase"
    words = rng.sample(inv.partner.category.words, k=min(2, len(inv.partner.category.words)))
    number = _t(inv.number, 0.95) if rng.random() > 0.03 else None
    invoice = RecognizedInvoice(
        source=rng.choice(("pdf_text", "pdf_text", "ocr", "ubl")), document_type=inv.kind,
        invoice_number=number, issue_date=RecognizedDate(value=inv.day, confidence=0.97),
        currency=_t(inv.partner.currency, 0.99),
        total_excl_vat=RecognizedAmount(value=net, confidence=0.97),
        total_vat=RecognizedAmount(value=vat, confidence=0.97),
        total_incl_vat=RecognizedAmount(value=net + vat, confidence=0.97), vat_breakdown=rows,
        seller=them if purchase else me, buyer=me if purchase else them,
        lines=tuple(RecognizedLine(description=w, vat_rate=inv.amounts[0][0], confidence=0.9) for w in words),
        dossier_party="buyer" if purchase else "seller")
    doc = uuid.uuid5(dossier_id, inv.number + inv.partner.key)
    return DocumentRecognized(
        correlation_id=f"eval-{doc}", office_id=OFFICE, dossier_id=dossier_id, document_id=doc,
        sha256=hashlib.sha256(doc.bytes).hexdigest(), status="complete" if number else "incomplete",
        mailbox="purchases" if purchase else "sales", invoice=invoice, page_count=1,
        occurred_at=datetime.combine(inv.day, time(12), tzinfo=timezone.utc))


def final_booking(reference: str, partner_ref: str, inv: Invoice, p: ProposalCreated,
                  eur_per_unit: Decimal) -> Booking:
    """The booking as the office validated it: the true lines, whatever was proposed."""
    nets = {rate: (net * eur_per_unit).quantize(CENT) for rate, net in inv.amounts}
    purchase = inv.partner.direction == "purchase"
    side = "debit" if purchase else "credit"
    lines = [PostedLine(account=a, vat_code=c, **{side: nets.get(r, Decimal("0"))}) for r, a, c in inv.truth.lines]
    gross = sum(nets.values(), Decimal("0"))
    lines.append(PostedLine(account="440000" if purchase else "400000", **{"credit" if purchase else "debit": gross}))
    return Booking(reference=reference, journal=JournalRef(code=p.journal.code, type=p.journal.type),
                   period=PeriodRef(code=p.period.code, start_date=p.period.start_date, end_date=p.period.end_date),
                   document_number=p.document_number, booking_date=inv.day, counterparty_reference=partner_ref,
                   lines=tuple(lines), total=gross, final=True, document_kind=inv.kind,
                   invoice_number=inv.number, invoice_date=inv.day, external_id=str(p.proposal_id))
