"""extractors.xmlsafe: a DOCTYPE hidden by the encoding is refused before recognition reads it (issue 13 item 9)."""
from __future__ import annotations

import pytest

from recognition.domain.errors import UnreadableDocument
from recognition.extractors import xmlsafe
from recognition.extractors.probe import Probe

UBL_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"


def _ubl(doctype: str, encoding: str) -> bytes:
    text = (f'<?xml version="1.0" encoding="UTF-16"?>{doctype}<Invoice xmlns="{UBL_NS}">'
            "<ID>INV-1</ID></Invoice>")
    return text.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_ubl_with_a_system_doctype_is_refused(encoding):
    data = _ubl('<!DOCTYPE Invoice SYSTEM "http://attacker.example/x.dtd">', encoding)
    with pytest.raises(UnreadableDocument, match="DOCTYPE"):
        xmlsafe.parse(data)


def test_utf16le_ubl_with_entities_is_not_recognised_as_an_invoice():
    data = _ubl('<!DOCTYPE Invoice [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "utf-16-le")
    probe = Probe(data)
    assert probe.kind == "xml"
    with pytest.raises(UnreadableDocument, match="DOCTYPE"):
        probe.xml_flavour


def test_utf16_ubl_without_doctype_is_read():
    assert xmlsafe.flavour(xmlsafe.parse(_ubl("", "utf-16"))) == "ubl"
