"""The lines of a Tryton invoice booking: a draft built as Tryton will post it, a posted one from its move."""
from __future__ import annotations

from decimal import Decimal as D

from sync_connector.adapters.tryton.entry_lines import InvoiceParts, invoice_lines

CODES = {34: "achat_marchandises_21", 50: "vente_biens_21", 51: "vente_biens_21"}


def _acc(code: str) -> dict:
    return {"code": code}


def _draft(kind: str, amounts: list[str], taxes: list[str], account: str) -> tuple[dict, InvoiceParts]:
    invoice = {"id": 1, "type": kind, "move": None, "description": "ACH 2026/00001", "account.": _acc(account)}
    lines = [{"id": 10 + i, "invoice": 1, "account.": _acc("604000" if kind == "in" else "700000"),
              "taxes": [34 if kind == "in" else 50], "amount": D(a), "description": f"line {i}"}
             for i, a in enumerate(amounts)]
    rows = [{"id": 20 + i, "invoice": 1, "account.": _acc("411" if kind == "in" else "451"), "amount": D(t),
             "tax": 34 if kind == "in" else 51, "description": "T.V.A. 21%"} for i, t in enumerate(taxes)]
    return invoice, InvoiceParts(lines, rows, [], CODES)


def _sides(lines) -> list[tuple]:
    return [(x.account, x.vat_code, x.debit, x.credit) for x in lines]


def _balanced(lines) -> bool:
    return sum(x.debit for x in lines) == sum(x.credit for x in lines)


def test_a_draft_purchase_invoice_has_its_vat_line_and_the_payable_line_and_balances():
    lines = invoice_lines(*_draft("in", ["100.00", "50.00"], ["31.50", "0.00"], "440000"))
    assert _sides(lines) == [
        ("604000", "achat_marchandises_21", D("100.00"), D("0")),
        ("604000", "achat_marchandises_21", D("50.00"), D("0")),
        ("411", "achat_marchandises_21", D("31.50"), D("0")), ("440000", None, D("0"), D("181.50"))]
    assert _balanced(lines) and lines[-1].description == "ACH 2026/00001"


def test_a_draft_sales_credit_note_turns_every_side_round():
    lines = invoice_lines(*_draft("out", ["-50.00"], ["-10.50"], "400000"))
    assert _sides(lines) == [("700000", "vente_biens_21", D("50.00"), D("0")),
                             ("451", "vente_biens_21", D("10.50"), D("0")), ("400000", None, D("0"), D("60.50"))]
    assert _balanced(lines)


def test_a_draft_supplier_credit_note_credits_cost_and_vat_and_debits_the_payable():
    lines = invoice_lines(*_draft("in", ["-100.00"], ["-21.00"], "440000"))
    assert _sides(lines) == [("604000", "achat_marchandises_21", D("0"), D("100.00")),
                             ("411", "achat_marchandises_21", D("0"), D("21.00")),
                             ("440000", None, D("121.00"), D("0"))]


def test_a_posted_invoice_carries_its_move_lines_invoice_lines_first_with_their_vat_code():
    invoice, parts = _draft("out", ["1000.00"], ["210.00"], "400000")
    invoice["move"] = 7
    parts = InvoiceParts(
        [line for lines in parts.lines.values() for line in lines], [t for ts in parts.taxes.values() for t in ts],
        [{"id": 3, "move": 7, "origin": None, "account.": _acc("400000"), "debit": D("1210.00"), "credit": D("0"),
          "description": "VEN 1"},
         {"id": 4, "move": 7, "origin": "account.invoice.tax,20", "account.": _acc("451"), "debit": D("0"),
          "credit": D("210.00"), "description": "T.V.A. 21%"},
         {"id": 5, "move": 7, "origin": "account.invoice.line,10", "account.": _acc("700000"), "debit": D("0"),
          "credit": D("1000.00"), "description": None}], CODES)
    lines = invoice_lines(invoice, parts)
    assert _sides(lines) == [("700000", "vente_biens_21", D("0"), D("1000.00")),
                             ("451", "vente_biens_21", D("0"), D("210.00")), ("400000", None, D("1210.00"), D("0"))]
    assert lines[0].description == "line 0" and _balanced(lines)
