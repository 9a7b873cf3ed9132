"""UBL and CII XML invoices: parsed safely (no DTD, no entities, no network) to check what they are."""
from __future__ import annotations

from lxml import etree

from ingest.domain.errors import UnsupportedType

ROOTS = {"Invoice", "CreditNote", "CrossIndustryInvoice"}


def check_invoice(name: str, data: bytes) -> None:
    """Return if the XML is a UBL invoice/credit note or a CII invoice; UnsupportedType otherwise."""
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise UnsupportedType(f"{name}: XML with a DOCTYPE or entities is refused", filename=name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise UnsupportedType(f"{name}: not well-formed XML", filename=name) from exc
    if etree.QName(root).localname not in ROOTS:
        raise UnsupportedType(f"{name}: XML that is not a UBL or CII invoice ({etree.QName(root).localname})",
                              filename=name)
