"""pain.001.001.03 files (PAY-3, PAY-5): XSD-valid, group totals, dates, structured and free remittance."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from payments.adapters.pain001 import NS, InvalidSepaFile, Transfer, build, safe_parser, validate
from payments.domain.accounts import Account
from payments.domain.communication import NONE, parse

DEBTOR = Account("Bakkerij Janssens BV", "BE71096123456769", "GKCCBEBB")
DEC1, DEC3 = date(2026, 12, 1), date(2026, 12, 3)


def transfer(amount: str, communication, when=DEC1, bic: str | None = "GKCCBEBB") -> Transfer:
    return Transfer(uuid.uuid4(), Account("Proximus NV", "BE71096123456769", bic), Decimal(amount),
                    communication, when)


def q(tag_path: str) -> str:
    return "/".join(f"p:{t}" for t in tag_path.split("/"))


def parsed(data: bytes):
    return etree.fromstring(data, safe_parser())


def test_a_file_is_xsd_valid_with_the_number_and_sum_of_its_transfers():
    """PAY-3: GrpHdr NbOfTxs/CtrlSum over all transfers, one PmtInf per ReqdExctnDt, MsgId = our file id."""
    data = build(DEBTOR, [transfer("12.30", NONE), transfer("100", NONE, bic=None), transfer("0.05", NONE, DEC3)],
                 message_id="F-1234")
    validate(data)
    doc, ns = parsed(data), {"p": NS}
    assert doc.xpath(f"string(//{q('GrpHdr/NbOfTxs')})", namespaces=ns) == "3"
    assert doc.xpath(f"string(//{q('GrpHdr/CtrlSum')})", namespaces=ns) == "112.35"
    assert doc.xpath(f"string(//{q('GrpHdr/MsgId')})", namespaces=ns) == "F-1234"
    assert doc.xpath(f"//{q('PmtInf/ReqdExctnDt')}/text()", namespaces=ns) == ["2026-12-01", "2026-12-03"]
    assert doc.xpath(f"//{q('PmtInf/DbtrAcct/Id/IBAN')}/text()", namespaces=ns) == [DEBTOR.iban] * 2


def test_a_structured_communication_is_written_as_a_creditor_reference_and_free_text_as_ustrd():
    """PAY-3: Belgian +++ → Strd/CdtrRefInf SCOR issuer BBA with 12 digits; RF → issuer ISO; free → Ustrd;
    none → no RmtInf."""
    structured, rf = transfer("1", parse("structured", "+++010/8068/17183+++")), transfer("2", parse(
        "creditor_reference", "RF18539007547034"))
    free, none = transfer("3", parse("free", "Factuur 2026-001")), transfer("4", NONE)
    doc, ns = parsed(build(DEBTOR, [structured, rf, free, none], message_id="F-2")), {"p": NS}

    def tx(t: Transfer):
        [node] = doc.xpath(f"//p:CdtTrfTxInf[p:PmtId/p:EndToEndId='{t.payment_id.hex}']", namespaces=ns)
        return node
    ref = q("RmtInf/Strd/CdtrRefInf")
    assert tx(structured).xpath(f"string({ref}/p:Ref)", namespaces=ns) == "010806817183"
    assert tx(structured).xpath(f"string({ref}/{q('Tp/CdOrPrtry/Cd')})", namespaces=ns) == "SCOR"
    assert tx(structured).xpath(f"string({ref}/{q('Tp/Issr')})", namespaces=ns) == "BBA"
    assert not tx(structured).xpath("p:RmtInf/p:Ustrd", namespaces=ns)
    assert tx(rf).xpath(f"string({ref}/p:Ref)", namespaces=ns) == "RF18539007547034"
    assert tx(rf).xpath(f"string({ref}/{q('Tp/Issr')})", namespaces=ns) == "ISO"
    assert tx(free).xpath("string(p:RmtInf/p:Ustrd)", namespaces=ns) == "Factuur 2026-001"
    assert not tx(none).xpath("p:RmtInf", namespaces=ns)


def test_an_invalid_document_is_refused_before_it_is_stored():
    """PAY-3: the XSD check catches a broken file (a count that is not a number); DOCTYPEs are refused."""
    data = build(DEBTOR, [transfer("1", NONE)], message_id="F-3")
    with pytest.raises(InvalidSepaFile, match="NbOfTxs"):
        validate(data.replace(b"<NbOfTxs>1</NbOfTxs>", b"<NbOfTxs>one</NbOfTxs>", 1))
    with pytest.raises(InvalidSepaFile, match="DOCTYPE"):
        validate(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')
