"""runtime.bankfiles: CODA and camt.053 read into one statement, written back, and refused with the reason
(issue 17 item 2; FEATURES REP-5, PAY-3)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from runtime.bankfiles import BankLine, BankStatement, StatementFileError, read_statement, sniff_format
from runtime.bankfiles.write import to_camt053, to_coda

STANDARDS = Path(__file__).resolve().parents[4].parent / "shared" / "standards"


def statement(**changes) -> BankStatement:
    lines = (
        BankLine("1", date(2026, 3, 30), Decimal("121.00"), structured="100000834941", counterparty_name="Client SA",
                 counterparty_iban="BE71096123456769"),
        BankLine("2", date(2026, 3, 31), Decimal("-50.50"), communication="Invoice F2026/17 & thanks",
                 counterparty_name="Supplier & Co", counterparty_iban="BE62510007547061"),
    )
    values = dict(format="coda", account="BE68539007547034", currency="EUR", number="012",
                  statement_date=date(2026, 3, 31), opening_balance=Decimal("1000.00"),
                  closing_balance=Decimal("1070.50"), lines=lines)
    values.update(changes)
    return BankStatement(**values)


@pytest.mark.parametrize("write", [to_coda, to_camt053], ids=["coda", "camt053"])
def test_a_written_file_reads_back_as_the_same_statement(write):
    read = read_statement(write(statement()))
    assert (read.account, read.number, read.opening_balance, read.closing_balance) == (
        "BE68539007547034", "012", Decimal("1000.00"), Decimal("1070.50"))
    first, second = read.lines
    assert (first.amount, first.structured, first.structured_display, first.counterparty_iban) == (
        Decimal("121.00"), "100000834941", "+++100/0008/34941+++", "BE71096123456769")
    assert (second.amount, second.communication, second.counterparty_name) == (
        Decimal("-50.50"), "Invoice F2026/17 & thanks", "Supplier & Co")
    assert second.booking_date == date(2026, 3, 31)


def test_the_written_camt_is_valid_against_the_iso_schema():
    schema = etree.XMLSchema(etree.parse(str(STANDARDS / "camt" / "camt.053.001.02.xsd")))
    document = etree.fromstring(to_camt053(statement()))
    assert schema.validate(document), schema.error_log


def test_sniffing_knows_coda_and_camt_and_nothing_else():
    assert sniff_format(to_coda(statement())) == "coda"
    assert sniff_format(to_camt053(statement())) == "camt053"
    assert sniff_format(b"%PDF-1.7 ...") is None
    assert sniff_format(b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>') is None


@pytest.mark.parametrize("write", [to_coda, to_camt053], ids=["coda", "camt053"])
def test_an_unbalanced_statement_is_refused_naming_the_amounts(write):
    with pytest.raises(StatementFileError) as refused:
        read_statement(write(statement(closing_balance=Decimal("1100.00"))))
    assert refused.value.code == "unbalanced_statement"
    assert "1070.50" in refused.value.message and "1100.00" in refused.value.message


def test_the_shared_samples_valid_structure_but_unbalanced_and_malformed():
    """coda.cod is well-formed CODA whose trailer says 1000.00 credit for 700.86 of movements (febelfin-coda,
    which Tryton uses, asserts the same totals): refused as unbalanced. invalid.cod is cut short: malformed."""
    with pytest.raises(StatementFileError) as unbalanced:
        read_statement((STANDARDS / "coda" / "coda.cod").read_bytes())
    assert unbalanced.value.code == "unbalanced_statement" and "700.86" in unbalanced.value.message
    with pytest.raises(StatementFileError) as malformed:
        read_statement((STANDARDS / "coda" / "invalid.cod").read_bytes())
    assert malformed.value.code == "malformed_statement" and "record 14" in malformed.value.message


def test_two_statements_in_one_file_are_refused():
    two = to_coda(statement()) + to_coda(statement(number="013", opening_balance=Decimal("1070.50"),
                                                   closing_balance=Decimal("1141.00")))
    with pytest.raises(StatementFileError) as refused:
        read_statement(two)
    assert refused.value.code == "several_statements"


def test_a_camt_with_a_doctype_or_broken_xml_is_refused():
    with pytest.raises(StatementFileError):
        read_statement(b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]>'
                       b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&e;</Document>')
    with pytest.raises(StatementFileError):
        read_statement(b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>')


def test_a_structured_communication_with_a_wrong_check_digit_is_free_text():
    line = BankLine("1", date(2026, 3, 30), Decimal("10"), structured="100000834942")
    read = read_statement(to_coda(statement(lines=(line,), closing_balance=Decimal("1010.00"))))
    assert read.lines[0].structured is None


def test_a_trailer_counting_other_records_than_the_statement_has_is_refused():
    """Issue 17 item 4: febelfin-coda, which Tryton's import uses, asserts the trailer's record count (records 1, 2.x,
    3.x and 8); a file whose count is wrong is refused at upload naming both counts, not later by Tryton. The shared
    sample coda.cod also says 27 records for 12 (besides its 1000.00 credit for 700.86 of movements)."""
    data = to_coda(statement())
    lines = data.decode("cp1252").split("\r\n")
    trailer = lines[-2]
    good = int(trailer[16:22])
    lines[-2] = trailer[:16] + f"{good + 1:06d}" + trailer[22:]
    with pytest.raises(StatementFileError) as refused:
        read_statement("\r\n".join(lines).encode("cp1252"))
    assert refused.value.code == "malformed_statement"
    assert f"counts {good + 1:06d} records, the statement has {good}" in refused.value.message
