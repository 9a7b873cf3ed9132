"""The domain Invoice translated to the libs/contracts models (RecognizedInvoice and the EN 16931 InvoiceFields)."""
from __future__ import annotations

from contracts.events.recognition import (
    AmountValue, Box, DateValue, FieldProvenance, InvoiceFields, InvoiceLine, Provenance, RecognizedAmount,
    RecognizedDate, RecognizedInvoice, RecognizedLine, RecognizedParty, RecognizedText, RecognizedVatRate,
    StructuredValidation, TextValue, VatBreakdown,
)

from recognition.domain.model import Evidence, Found, Invoice, Party

_LEGACY_METHOD = {"ubl": "ubl", "cii": "cii", "pdf_text": "text", "ocr": "ocr"}


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
        validation = StructuredValidation(valid=v.valid, errors=v.errors, warnings=v.warnings, rulesets=v.rulesets)
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


def _legacy_prov(inv: Invoice, found: Found | None) -> Provenance | None:
    if found is None or found.evidence is None:
        return None
    ev, method = found.evidence, _LEGACY_METHOD[inv.source]
    box = Box(x0=ev.bbox[0], y0=ev.bbox[1], x1=ev.bbox[2], y1=ev.bbox[3]) if ev.bbox else None
    return Provenance(method=method, page=ev.page, box=box, xpath=ev.xpath)


def to_fields(inv: Invoice) -> InvoiceFields:
    """The same values under EN 16931 business-term names (the v1 `fields` of document.recognized)."""
    def t(f):
        return None if f is None else TextValue(value=str(f.value), confidence=_c(f), provenance=_legacy_prov(inv, f))

    def d(f):
        return None if f is None else DateValue(value=f.value, confidence=_c(f), provenance=_legacy_prov(inv, f))

    def a(f):
        return None if f is None else AmountValue(value=f.value, confidence=_c(f), provenance=_legacy_prov(inv, f))

    type_code = {"credit_note": "381", "invoice": "380"}.get(inv.document_type)
    return InvoiceFields(
        invoice_number=t(inv.invoice_number), invoice_issue_date=d(inv.issue_date),
        invoice_type_code=TextValue(value=type_code, confidence=0.9) if type_code else None,
        invoice_currency_code=t(inv.currency), payment_due_date=d(inv.due_date),
        seller_name=t(inv.seller.name), seller_vat_identifier=t(inv.seller.vat_number),
        buyer_name=t(inv.buyer.name), buyer_vat_identifier=t(inv.buyer.vat_number),
        remittance_information=t(inv.payment_reference), payment_account_identifier=t(inv.seller.iban),
        payment_service_provider_identifier=t(inv.seller.bic),
        invoice_total_amount_without_vat=a(inv.total_excl_vat), invoice_total_vat_amount=a(inv.total_vat),
        invoice_total_amount_with_vat=a(inv.total_incl_vat),
        vat_breakdown=tuple(VatBreakdown(vat_category_rate=r.rate, vat_category_taxable_amount=r.taxable,
                                         vat_category_tax_amount=r.vat, confidence=r.confidence)
                            for r in inv.vat_breakdown if r.taxable is not None and r.vat is not None),
        invoice_lines=tuple(InvoiceLine(item_name=ln.description, invoiced_quantity=ln.quantity,
                                        item_net_price=ln.unit_price, invoice_line_net_amount=ln.net_amount,
                                        invoiced_item_vat_rate=ln.vat_rate, confidence=ln.confidence)
                            for ln in inv.lines),
    )
