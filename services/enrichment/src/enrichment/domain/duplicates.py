"""ENR-5: the keys under which a document is remembered, so a similar one is recognised as a duplicate."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from enrichment.domain.counterparty import Match, compact, enterprise_digits
from enrichment.domain.names import tokens

KINDS = {"file": "the same file", "number": "the same seller and invoice number",
         "invoice": "the same invoice number and total, whoever the seller was read as",
         "amount": "the same seller, amount and date"}
MIN_NUMBER = 3  # an invoice number that alone (with the total) says "the same invoice": not '1' or '12'
MAX_NAMED = 10  # earlier documents a proposal names as possible duplicates; the others are counted



@dataclass(frozen=True)
class Hit:
    """An earlier document or booking that shares a key with this one."""

    kind: str  # file | number | amount
    document_id: UUID | None
    booking_reference: str | None = None


def normalise_number(number: str) -> str:
    """'INV-000123 ' and 'inv 123' are the same invoice number: alphanumerics, upper case, no leading zeros."""
    groups = re.findall(r"[0-9]+|[A-Z]+", number.upper())
    return "".join(g.lstrip("0") or "0" if g.isdigit() else g for g in groups)


def party_keys(m: Match) -> tuple[str, ...]:
    """Every identity of the counterparty, so a PDF read without VAT number still meets its Peppol twin."""
    keys = []
    if m.reference:
        keys.append(f"ref:{m.reference}")
    vat = compact(m.vat_number)
    if vat:
        keys.append(f"vat:{vat}")
        digits = enterprise_digits(vat) if vat.startswith("BE") else None
        keys += [f"kbo:{digits}"] if digits else []
    if m.party and m.party.enterprise_number:
        keys.append(f"kbo:{m.party.enterprise_number}")
    if m.name and tokens(m.name):
        keys.append("name:" + " ".join(tokens(m.name)))
    return tuple(dict.fromkeys(keys))


def keys_for(sha256: str | None, parties: tuple[str, ...], number: str | None, gross: Decimal | None,
             day: date | None) -> tuple[str, ...]:
    """The duplicate keys of a document or booking: file, seller+number, number+total (the same invoice as a PDF
    and as a photo, its seller read differently or not at all), seller+amount+date."""
    keys = [f"file:{sha256}"] if sha256 else []
    norm = normalise_number(number) if number else ""
    if len(norm) >= MIN_NUMBER and gross is not None:
        keys.append(f"invoice:{norm}:{abs(gross).quantize(Decimal('0.01'))}")
    for party in parties:
        if norm:
            keys.append(f"number:{party}:{norm}")
        if gross is not None and day is not None:
            keys.append(f"amount:{party}:{abs(gross).quantize(Decimal('0.01'))}:{day.isoformat()}")
    return tuple(dict.fromkeys(keys))


def kind_of(key: str) -> str:
    return key.split(":", 1)[0]


def warnings(hits: tuple[Hit, ...], most: int = MAX_NAMED) -> tuple[tuple[str, UUID | None], ...]:
    """One message per earlier document (or booking), naming the strongest evidence; at most `most` of them, the
    strongest first, then one message counting the others: a proposal (and its event, read by four services)
    stays small however many earlier documents share a key (a monthly invoice of the same amount and date)."""
    order = ("file", "number", "invoice", "amount")
    best: dict[object, Hit] = {}
    for hit in hits:
        ident = hit.document_id or hit.booking_reference
        if ident not in best or order.index(hit.kind) < order.index(best[ident].kind):
            best[ident] = hit
    ranked = sorted(best.values(), key=lambda hit: order.index(hit.kind))  # stable: the adapter's order within a kind
    out = []
    for hit in ranked[:most]:
        what = f"document {hit.document_id}" if hit.document_id else f"booking {hit.booking_reference}"
        out.append((f"possible duplicate of {what}: {KINDS[hit.kind]}", hit.document_id))
    if len(ranked) > most:
        out.append((f"possible duplicate of {len(ranked) - most} more earlier documents or bookings", None))
    return tuple(out)
