"""runtime.xmlsafe: a DOCTYPE is refused on the parsed document, whatever the encoding (issue 13 item 9)."""
from __future__ import annotations

import pytest

from runtime.xmlsafe import MalformedXml, UnsafeXml, looks_like_xml, parse_untrusted

UBL = '<?xml version="1.0" encoding="{enc}"?>{doctype}<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
DOCTYPES = {
    "system": '<!DOCTYPE Invoice SYSTEM "http://attacker.example/x.dtd">',
    "entity": '<!DOCTYPE Invoice [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    "laughs": '<!DOCTYPE Invoice [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)) + "]>",
}
ENCODINGS = {"utf-8": "utf-8", "utf-16": "utf-16", "utf-16le": "utf-16-le", "utf-16be": "utf-16-be",
             "utf-32": "utf-32"}


@pytest.mark.parametrize("codec", ENCODINGS.values(), ids=ENCODINGS.keys())
@pytest.mark.parametrize("doctype", DOCTYPES.values(), ids=DOCTYPES.keys())
def test_a_doctype_is_refused_in_every_encoding(doctype, codec):
    declared = codec.replace("-le", "").replace("-be", "").upper()
    data = UBL.format(enc=declared if codec in ("utf-8", "utf-16", "utf-32") else "UTF-16", doctype=doctype)
    with pytest.raises(UnsafeXml, match="DOCTYPE"):
        parse_untrusted(data.encode(codec))


@pytest.mark.parametrize("codec", ENCODINGS.values(), ids=ENCODINGS.keys())
def test_a_plain_invoice_parses_in_every_encoding(codec):
    declared = "UTF-16" if codec.startswith("utf-16-") else codec.upper()
    data = UBL.format(enc=declared, doctype="").encode(codec)
    assert looks_like_xml(data)
    assert parse_untrusted(data).tag.endswith("}Invoice")


def test_not_xml_is_malformed_not_unsafe():
    with pytest.raises(MalformedXml):
        parse_untrusted(b"<a><b></a>")
    assert not looks_like_xml(b"%PDF-1.7") and not looks_like_xml(b"\xff\xfe%\x00P\x00")
