"""XML parsing that refuses DTDs, entities and network access (XXE, billion laughs)."""
from __future__ import annotations

from lxml import etree
from runtime import xmlsafe as shared

from recognition.domain.errors import UnreadableDocument


def parser() -> etree.XMLParser:
    """An lxml parser that resolves nothing and loads nothing."""
    return shared.parser()


def parse(data: bytes) -> etree._Element:
    """The root element of `data`; a DOCTYPE or ENTITY declaration is refused on the parsed document, so
    no encoding (UTF-16, UTF-32...) hides it (issue 13 item 9)."""
    try:
        return shared.parse_untrusted(data)
    except shared.UnsafeXml as exc:
        raise UnreadableDocument("XML with a DOCTYPE or ENTITY declaration refused (XXE / entity expansion)") from exc
    except shared.MalformedXml as exc:
        raise UnreadableDocument(f"malformed XML: {exc}") from exc


UBL_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
UBL_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CII = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
ZUGFERD_1 = "urn:ferd:CrossIndustryDocument:invoice:1p0"


def flavour(root: etree._Element) -> str | None:
    """'ubl' or 'cii' by the root element's namespace, else None."""
    ns = etree.QName(root).namespace
    if ns in (UBL_INVOICE, UBL_CREDIT_NOTE):
        return "ubl"
    if ns in (CII, ZUGFERD_1):
        return "cii"
    return None


def looks_like_xml(data: bytes) -> bool:
    """True when the bytes start (after a byte-order mark and blanks, in UTF-8, -16 or -32) with '<'."""
    return shared.looks_like_xml(data)
