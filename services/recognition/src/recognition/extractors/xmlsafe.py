"""XML parsing that refuses DTDs, entities and network access (XXE, billion laughs)."""
from __future__ import annotations

import re

from lxml import etree

from recognition.domain.errors import UnreadableDocument

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)


def parser() -> etree.XMLParser:
    """An lxml parser that resolves nothing and loads nothing."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_comments=True, remove_pis=True)


def parse(data: bytes) -> etree._Element:
    """The root element of `data`; any DOCTYPE or ENTITY declaration is refused before parsing."""
    if _DOCTYPE.search(data[:65536]) or _DOCTYPE.search(data):
        raise UnreadableDocument("XML with a DOCTYPE or ENTITY declaration refused (XXE / entity expansion)")
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument(f"malformed XML: {exc}") from exc
    if root is None:
        raise UnreadableDocument("empty XML document")
    return root


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
    """True when the bytes start (after a BOM and blanks) with '<'."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"
