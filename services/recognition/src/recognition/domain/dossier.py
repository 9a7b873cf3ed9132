"""Which party of an invoice is the dossier itself, decided by the dossier's own VAT number."""
from __future__ import annotations

from recognition.domain.model import Invoice

_TEXT_SOURCES = ("pdf_text", "ocr")


def settle_dossier(invoice: Invoice, own_vat: str | None, mailbox: str | None = None) -> None:
    """Set `dossier_party`; on read documents, put the dossier's VAT number on the side the mailbox says.

    A purchase (mailbox 'purchases') has the dossier as buyer, a sale as seller. When the layout
    put the dossier's own VAT number on the other side, the two VAT numbers are swapped: the
    number is certain, the layout guess is not.
    """
    if not own_vat:
        return
    seller, buyer = invoice.seller.vat_number, invoice.buyer.vat_number
    own_is_seller = seller is not None and seller.value == own_vat
    own_is_buyer = buyer is not None and buyer.value == own_vat
    if not (own_is_seller or own_is_buyer):
        return
    wanted = {"purchases": "buyer", "sales": "seller"}.get(mailbox or "")
    found = "seller" if own_is_seller else "buyer"
    if wanted and wanted != found and invoice.source in _TEXT_SOURCES:
        invoice.seller.vat_number, invoice.buyer.vat_number = buyer, seller
        _refresh_seller_identity(invoice)
        found = wanted
    invoice.dossier_party = found


def _refresh_seller_identity(invoice: Invoice) -> None:
    from recognition.domain.identifiers import enterprise_number_of
    from recognition.domain.model import Found
    vat = invoice.seller.vat_number
    invoice.seller.enterprise_number = None
    invoice.seller.country = None
    if vat is not None:
        if ent := enterprise_number_of(vat.value):
            invoice.seller.enterprise_number = Found(ent, vat.confidence, vat.evidence)
        invoice.seller.country = Found(vat.value[:2], vat.confidence, vat.evidence)
