"""The domain Invoice translated to the libs/contracts model RecognizedInvoice."""
from __future__ import annotations

from contracts.events.recognition import (
    Box, FieldProvenance, RecognizedAmount, RecognizedDate, RecognizedInvoice, RecognizedLine, RecognizedParty,
    RecognizedText, RecognizedVatRate, RuleMessage, StructuredValidation,
)

from recognition.domain.model import Evidence, Found, Invoice, Party

def provenance(evidence: Evidence | None) -> FieldProvenance | None:
    if evidence is None:
        return None
    box = Box(x0=evidence.bbox[0], y0=evidence.bbox[1], x1=evidence.bbox[2], y1=evidence.bbox[3]) if evidence.bbox else None
    return FieldProvenance(method=evidence.method, page=evidence.page, bbox=box, xpath=evidence.xpath)


def _text(found: Found | None) -> RecognizedText | None:
    return None if found is None else RecognizedText(value=str(found.value), confidence=_c(found),
                                                     provenance=provenance(found.evidence))


def _date(found: Found | None) -> RecognizedDate | None:
    return None if found is None else RecognizedDate(value=found.value, confidence=_c(found),
                                                     provenance=provenance(found.evidence))


def _amount(found: Found | None) -> RecognizedAmount | None:
    return None if found is None else RecognizedAmount(value=found.value, confidence=_c(found),
                                                       provenance=provenance(found.evidence))


def _c(found: Found) -> float:
    return round(max(0.0, min(1.0, found.confidence)), 3)


def _party(party: Party) -> RecognizedParty:
    return RecognizedParty(name=_text(party.name), vat_number=_text(party.vat_number),
                           enterprise_number=_text(party.enterprise_number), iban=_text(party.iban),
                           bic=_text(party.bic), address=_text(party.address), country=_text(party.country))


def to_contract(inv: Invoice) -> RecognizedInvoice:
    """The contract model of a recognised invoice."""
    validation = None
    if inv.validation is not None:
        v = inv.validation
        validation = StructuredValidation(valid=v.valid, errors=v.errors, warnings=v.warnings, rulesets=v.rulesets,
                                          messages=tuple(RuleMessage(rule=r, text=t) for r, t in v.messages))
    return RecognizedInvoice(
        source=inv.source, document_type=inv.document_type, invoice_number=_text(inv.invoice_number),
        issue_date=_date(inv.issue_date), due_date=_date(inv.due_date), currency=_text(inv.currency),
        total_excl_vat=_amount(inv.total_excl_vat), total_vat=_amount(inv.total_vat),
        total_incl_vat=_amount(inv.total_incl_vat),
        vat_breakdown=tuple(RecognizedVatRate(rate=r.rate, taxable=r.taxable, vat=r.vat, confidence=r.confidence,
                                              provenance=provenance(r.evidence)) for r in inv.vat_breakdown),
        seller=_party(inv.seller), buyer=_party(inv.buyer), payment_reference=_text(inv.payment_reference),
        lines=tuple(RecognizedLine(description=ln.description, quantity=ln.quantity, unit_price=ln.unit_price,
                                   net_amount=ln.net_amount, vat_rate=ln.vat_rate, confidence=ln.confidence,
                                   provenance=provenance(ln.evidence)) for ln in inv.lines),
        dossier_party=inv.dossier_party, totals_consistent=inv.totals_consistent, validation=validation,
        language=inv.language, page_count=inv.page_count,
    )

