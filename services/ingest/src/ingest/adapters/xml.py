"""UBL and CII XML invoices: parsed safely (no DTD, no entities, no network) to check what they are."""
from __future__ import annotations

from lxml import etree
from runtime.xmlsafe import MalformedXml, UnsafeXml, parse_untrusted

from ingest.domain.errors import UnsupportedType

ROOTS = {"Invoice", "CreditNote", "CrossIndustryInvoice"}


def check_invoice(name: str, data: bytes) -> None:
    """Return if the XML is a UBL invoice/credit note or a CII invoice; UnsupportedType otherwise.

    A DOCTYPE is refused on the parsed document, so its encoding (UTF-16, UTF-32...) does not hide it."""
    try:
        root = parse_untrusted(data)
    except UnsafeXml as exc:
        raise UnsupportedType(f"{name}: XML with a DOCTYPE or entities is refused", filename=name) from exc
    except MalformedXml as exc:
        raise UnsupportedType(f"{name}: not well-formed XML", filename=name) from exc
    if etree.QName(root).localname not in ROOTS:
        raise UnsupportedType(f"{name}: XML that is not a UBL or CII invoice ({etree.QName(root).localname})",
                              filename=name)
