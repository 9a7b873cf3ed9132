"""Untrusted XML parsed safely, and refused when it carries a DTD, whatever its encoding (issue 13 item 9).

The decision is taken on the parsed document (lxml's ``docinfo``), never on the raw bytes: a UTF-16, UTF-32 or
otherwise encoded ``<!DOCTYPE`` does not look like one byte-wise. The parser itself resolves no entity, loads
no DTD and touches no network, so nothing is fetched or expanded before the document is refused.
"""
from __future__ import annotations

from lxml import etree

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")
_WIDE_LT = (b"<\x00\x00\x00", b"\x00\x00\x00<", b"<\x00", b"\x00<")  # '<' in UTF-32/16 LE/BE without a BOM


class UnsafeXml(ValueError):
    """The XML declares a DOCTYPE (a DTD, entities): refused, whatever it would have said."""


class MalformedXml(ValueError):
    """The bytes are not a well-formed XML document."""


def parser(recover: bool = False) -> etree.XMLParser:
    """An lxml parser that resolves no entity, loads no DTD, reaches no network and keeps no PI or comment."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True, recover=recover)


def has_doctype(tree: etree._ElementTree) -> bool:
    """Whether the parsed document declared a DOCTYPE (internal subset, SYSTEM or PUBLIC identifier)."""
    info = tree.docinfo
    return bool(info.doctype or info.system_url or info.public_id) or info.internalDTD is not None \
        or info.externalDTD is not None


def parse_untrusted(data: bytes) -> etree._Element:
    """The root element of `data`; UnsafeXml when it declares a DOCTYPE, MalformedXml when it is not XML."""
    try:
        root = etree.fromstring(data, parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        if _declares_doctype(data):  # e.g. libxml2 stopped an entity expansion: say why it is refused
            raise UnsafeXml("XML with a DOCTYPE or ENTITY declaration is refused (XXE, entity expansion)") from exc
        raise MalformedXml(f"not well-formed XML: {str(exc)[:200]}") from exc
    if root is None:
        raise MalformedXml("empty XML document")
    if has_doctype(root.getroottree()):
        raise UnsafeXml("XML with a DOCTYPE or ENTITY declaration is refused (XXE, entity expansion)")
    return root


def _declares_doctype(data: bytes) -> bool:
    """Whether a document that did not parse cleanly still shows a DOCTYPE when read leniently (same safety)."""
    try:
        root = etree.fromstring(data, parser(recover=True))
    except (etree.XMLSyntaxError, ValueError):
        return False
    return root is not None and has_doctype(root.getroottree())


def looks_like_xml(data: bytes) -> bool:
    """True when the bytes start with '<' after an optional byte-order mark and blanks, in UTF-8, -16 or -32."""
    for bom in _BOMS:
        if data.startswith(bom):
            return _first_char_is_lt(data[len(bom):], bom)
    if data.startswith(_WIDE_LT):
        return True
    return data.lstrip(b" \t\r\n")[:1] == b"<"


def _first_char_is_lt(rest: bytes, bom: bytes) -> bool:
    codec = {b"\xef\xbb\xbf": "utf-8", b"\xff\xfe\x00\x00": "utf-32-le", b"\x00\x00\xfe\xff": "utf-32-be",
             b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}[bom]
    head = rest[:256].decode(codec, errors="ignore")
    return head.lstrip(" \t\r\n")[:1] == "<"
