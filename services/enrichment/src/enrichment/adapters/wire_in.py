"""document.recognized and dossier.changed translated into enrichment's own values (the edge)."""
from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from contracts.events.dossiers import DossierSettings
from contracts.events.recognition import DocumentRecognized, RecognizedInvoice, RecognizedParty
from enrichment.domain.model import (Document, Journal, PartyData, Profile, RateGroup, SchemaEntry, Seen,
                                     VatException)
from enrichment.domain.names import tokens


def _seen(value: Any) -> Seen | None:
    return Seen(value.value, value.confidence) if value is not None else None


def _party(p: RecognizedParty) -> PartyData:
    return PartyData(_seen(p.name), _seen(p.vat_number), _seen(p.enterprise_number), _seen(p.iban), _seen(p.country))


def _is_dossier_name(name: str | None, keywords: tuple[str, ...]) -> bool:
    words = set(tokens(name)) if name else set()
    return any(set(tokens(k)) and set(tokens(k)) <= words for k in keywords)


def _own_vat(p: RecognizedParty, vat: str | None) -> bool:
    return bool(vat and p.vat_number and p.vat_number.value.replace(" ", "").upper() == vat.upper())


def direction_of(event: DocumentRecognized, keywords: tuple[str, ...] = (),
                 dossier_vat: str | None = None) -> tuple[str, str]:
    """(direction, journal type): the mailbox decides; else which party is the dossier (recognition's say,
    else the dossier's VAT number, else its keywords in the seller's name)."""
    inv = event.invoice
    party = inv.dossier_party if inv else None
    if party is None and inv is not None:
        seller = inv.seller.name.value if inv.seller.name else None
        if _own_vat(inv.seller, dossier_vat) or (keywords and _is_dossier_name(seller, keywords)):
            party = "seller"
    if event.mailbox == "sales":
        return "sale", "sales"
    if event.mailbox == "purchases":
        return "purchase", "purchases"
    direction = "sale" if party == "seller" else "purchase"
    if event.mailbox == "misc":
        return direction, "misc"
    return direction, "sales" if direction == "sale" else "purchases"


def _groups(inv: RecognizedInvoice) -> tuple[RateGroup, ...]:
    texts: dict[Decimal | None, list[str]] = defaultdict(list)
    nets: dict[Decimal | None, Decimal] = defaultdict(Decimal)
    for line in inv.lines:
        if line.description:
            texts[line.vat_rate].append(line.description)
        if line.net_amount is not None:
            nets[line.vat_rate] += line.net_amount
    if inv.vat_breakdown:
        out = []
        for row in inv.vat_breakdown:
            taxable = row.taxable
            if taxable is None and row.vat is not None and row.rate:
                taxable = (row.vat * 100 / row.rate).quantize(Decimal("0.01"), ROUND_HALF_UP)
            if taxable is None:
                continue
            vat = row.vat if row.vat is not None else (taxable * row.rate / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
            out.append(RateGroup(row.rate, taxable, vat, row.confidence, tuple(texts.get(row.rate, ()))))
        return tuple(out)
    if nets and None not in nets:
        return tuple(RateGroup(rate, net, (net * rate / 100).quantize(Decimal("0.01"), ROUND_HALF_UP),
                               min((x.confidence for x in inv.lines if x.vat_rate == rate), default=0.5),
                               tuple(texts.get(rate, ()))) for rate, net in sorted(nets.items()))
    return ()


def document_from(event: DocumentRecognized, keywords: tuple[str, ...] = (),
                  dossier_vat: str | None = None) -> Document:
    """The recognised document in enrichment's terms; empty fields when recognition read nothing."""
    direction, journal_type = direction_of(event, keywords, dossier_vat)
    base = dict(document_id=event.document_id, dossier_id=event.dossier_id, sha256=event.sha256,
                received_on=event.occurred_at.date(), recognition=event.status, direction=direction,
                journal_type=journal_type, error_reason=event.error_reason)
    inv = event.invoice
    if inv is None:
        return Document(**base)
    party = inv.seller if direction == "purchase" else inv.buyer
    return Document(
        **base, kind="credit_note" if inv.document_type == "credit_note" else "invoice", source=inv.source,
        invoice_number=_seen(inv.invoice_number), issue_date=_seen(inv.issue_date), due_date=_seen(inv.due_date),
        currency=_seen(inv.currency), total_excl=_seen(inv.total_excl_vat), total_vat=_seen(inv.total_vat),
        total_incl=_seen(inv.total_incl_vat), groups=_groups(inv), counterparty=_party(party),
        payment_reference=inv.payment_reference.value if inv.payment_reference else None,
        descriptions=tuple(x.description for x in inv.lines if x.description)[:20])


def _rate(text: str | None) -> Decimal | None:
    """A percentage of the settings; None when absent or not a number (such an exception is left out)."""
    try:
        return Decimal(text.replace(",", ".").rstrip("%").strip()) if text else None
    except InvalidOperation:
        return None


def profile_from(settings: DossierSettings, vat_number: str | None) -> Profile:
    """The settings enrichment uses, from the dossier's effective settings (dossier.changed)."""
    journals = tuple(Journal(j.alias, j.type, j.description, j.number_format, j.next_number, j.credit_notes_only,
                             j.foreign_currency, j.prefix, j.active) for j in settings.journals)
    exceptions = tuple(VatException(e.code, _rate(e.rate), e.type, e.region, e.journal_type)
                       for e in settings.vat_code_exceptions if e.rate is None or _rate(e.rate) is not None)
    schema = tuple(SchemaEntry(s.account, s.rubric, s.description, s.extra_info) for s in settings.office_schema)
    return Profile(vat_number=vat_number, vat_exempt=settings.vat_exempt,
                   default_counterparty=settings.default_counterparty, keywords=tuple(settings.keywords),
                   office_schema=schema, vat_exceptions=exceptions, journals=journals)
