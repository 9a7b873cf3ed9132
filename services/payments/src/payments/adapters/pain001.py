"""pain.001.001.03 SEPA credit-transfer files (PAY-3), the version Belgian banks (Febelfin) take.

sepaxml writes the file; it writes only unstructured remittance (Ustrd), so a Belgian structured
communication or an RF reference is rewritten here as Strd/CdtrRefInf (type SCOR, issuer BBA or
ISO). The result is validated against the pain.001.001.03 XSD with lxml before anyone stores it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib.resources import files
from uuid import UUID

from lxml import etree
from sepaxml import SepaTransfer

from payments.domain.accounts import Account
from payments.domain.communication import Communication, Kind

SCHEMA = "pain.001.001.03"
NS = f"urn:iso:std:iso:20022:tech:xsd:{SCHEMA}"
_ISSUER = {Kind.STRUCTURED: "BBA", Kind.CREDITOR_REFERENCE: "ISO"}


class InvalidSepaFile(Exception):
    """The file built does not validate against the XSD (a bug or an input the checks missed)."""


@dataclass(frozen=True)
class Transfer:
    """One credit transfer of the file."""

    payment_id: UUID
    creditor: Account
    amount: Decimal
    communication: Communication
    execution_date: date


def safe_parser() -> etree.XMLParser:
    """No DTD, no entities, no network (DESIGN: untrusted XML)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@cache
def schema() -> etree.XMLSchema:
    """The pain.001.001.03 XSD bundled with sepaxml (the same file as shared/standards/sepa)."""
    source = files("sepaxml").joinpath("schemas", f"{SCHEMA}.xsd").read_bytes()
    return etree.XMLSchema(etree.fromstring(source, safe_parser()))


def build(debtor: Account, transfers: list[Transfer], *, message_id: str) -> bytes:
    """The XSD-valid pain.001.001.03 document paying ``transfers`` from ``debtor``; ``message_id`` ≤ 35 chars."""
    config = {"name": debtor.name, "IBAN": debtor.iban, "batch": True, "currency": "EUR"}
    if debtor.bic:
        config["BIC"] = debtor.bic
    sepa = SepaTransfer(config, schema=SCHEMA, clean=True)
    for t in transfers:
        item = {"name": t.creditor.name, "IBAN": t.creditor.iban, "amount": int(t.amount * 100),
                "execution_date": t.execution_date, "endtoend_id": t.payment_id.hex,
                "description": t.communication.text or ""}
        if t.creditor.bic:
            item["BIC"] = t.creditor.bic
        sepa.add_payment(item)
    root = etree.fromstring(sepa.export(validate=False), safe_parser())
    root.find(f".//{{{NS}}}GrpHdr/{{{NS}}}MsgId").text = message_id  # the bank's reports point back to our file
    _structured_remittance(root, {t.payment_id.hex: t.communication for t in transfers})
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    validate(data)
    return data


def _structured_remittance(root: etree._Element, by_end_to_end: dict[str, Communication]) -> None:
    for tx in root.iter(f"{{{NS}}}CdtTrfTxInf"):
        communication = by_end_to_end[tx.findtext(f"{{{NS}}}PmtId/{{{NS}}}EndToEndId")]
        rmt = tx.find(f"{{{NS}}}RmtInf")
        if communication.kind is Kind.NONE and rmt is not None:
            tx.remove(rmt)
        if communication.reference is None or rmt is None:
            continue
        rmt.clear()
        ref_inf = _sub(_sub(rmt, "Strd"), "CdtrRefInf")
        tp = _sub(ref_inf, "Tp")
        _sub(_sub(tp, "CdOrPrtry"), "Cd").text = "SCOR"
        _sub(tp, "Issr").text = _ISSUER[communication.kind]
        _sub(ref_inf, "Ref").text = communication.reference


def _sub(parent: etree._Element, tag: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{NS}}}{tag}")


def validate(data: bytes) -> None:
    """InvalidSepaFile with the XSD's first complaints unless ``data`` is a valid pain.001.001.03."""
    if b"<!DOCTYPE" in data[:1024].upper():
        raise InvalidSepaFile("a DOCTYPE is not allowed")
    doc = etree.fromstring(data, safe_parser())
    xsd = schema()
    if not xsd.validate(doc):
        errors = "; ".join(f"line {e.line}: {e.message}" for e in list(xsd.error_log)[:5])
        raise InvalidSepaFile(f"not a valid {SCHEMA} file: {errors}")
