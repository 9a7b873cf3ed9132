"""camt.053 (ISO 20022 bank-to-customer statement, versions .001.02 to .001.08): one Stmt per statement,
its OPBD/CLBD balances and its entries (Ntry) with the remittance information and the counterparty."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from lxml import etree

from runtime.bankfiles.model import BankLine, BankStatement, StatementFileError, structured_of
from runtime.xmlsafe import MalformedXml, UnsafeXml, parse_untrusted


def _text(node: etree._Element | None, path: str, ns: dict) -> str:
    found = node.find(path, ns) if node is not None else None
    return (found.text or "").strip() if found is not None else ""


def _day(text: str, where: str) -> date:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise StatementFileError(f"{where}: {text!r} is not a date") from None


def _money(node: etree._Element, ns: dict, where: str) -> Decimal:
    try:
        value = Decimal(_text(node, "n:Amt", ns))
    except InvalidOperation:
        raise StatementFileError(f"{where}: the amount is not a number") from None
    indicator = _text(node, "n:CdtDbtInd", ns)
    if indicator not in ("CRDT", "DBIT"):
        raise StatementFileError(f"{where}: CdtDbtInd {indicator!r} is neither CRDT nor DBIT")
    return value if indicator == "CRDT" else -value


def _balance(stmt: etree._Element, ns: dict, codes: tuple[str, ...], where: str) -> Decimal:
    for bal in stmt.findall("n:Bal", ns):
        if _text(bal, "n:Tp/n:CdOrPrtry/n:Cd", ns) in codes:
            return _money(bal, ns, f"{where} balance")
    raise StatementFileError(f"{where}: no {' or '.join(codes)} balance")


def _party(tx: etree._Element | None, ns: dict, incoming: bool) -> tuple[str, str]:
    """The other side: the debtor of money in, the creditor of money out."""
    role = "Dbtr" if incoming else "Cdtr"
    parties = tx.find("n:RltdPties", ns) if tx is not None else None
    name = _text(parties, f"n:{role}/n:Nm", ns) or _text(parties, f"n:{role}/n:Pty/n:Nm", ns)
    return name, _text(parties, f"n:{role}Acct/n:Id/n:IBAN", ns).replace(" ", "")


def _entry(entry: etree._Element, ns: dict, n: int) -> BankLine:
    where = f"entry {n}"
    amount = _money(entry, ns, where)
    tx = entry.find("n:NtryDtls/n:TxDtls", ns)
    structured_ref = _text(tx, "n:RmtInf/n:Strd/n:CdtrRefInf/n:Ref", ns)
    free = " ".join(t.text.strip() for t in (tx.findall("n:RmtInf/n:Ustrd", ns) if tx is not None else []) if t.text)
    name, iban = _party(tx, ns, amount > 0)
    booked = _text(entry, "n:BookgDt/n:Dt", ns) or _text(entry, "n:BookgDt/n:DtTm", ns)
    value = _text(entry, "n:ValDt/n:Dt", ns)
    structured = structured_of(structured_ref) if structured_ref else None
    return BankLine(sequence=_text(entry, "n:NtryRef", ns) or str(n), booking_date=_day(booked, where),
                    amount=amount,
                    value_date=_day(value, where) if value else None,
                    communication=free or (structured_ref if not structured else ""), structured=structured,
                    counterparty_name=name, counterparty_iban=iban,
                    bank_reference=_text(entry, "n:AcctSvcrRef", ns))


def _statement(stmt: etree._Element, ns: dict, n: int) -> BankStatement:
    where = f"statement {n}"
    account = _text(stmt, "n:Acct/n:Id/n:IBAN", ns) or _text(stmt, "n:Acct/n:Id/n:Othr/n:Id", ns)
    if not account:
        raise StatementFileError(f"{where}: no account (Acct/Id)")
    created = _text(stmt, "n:CreDtTm", ns)
    lines = tuple(_entry(e, ns, i) for i, e in enumerate(stmt.findall("n:Ntry", ns), 1))
    currency = _text(stmt, "n:Acct/n:Ccy", ns) or "EUR"
    return BankStatement(
        format="camt053", account=account.replace(" ", ""), currency=currency,
        number=_text(stmt, "n:ElctrncSeqNb", ns) or _text(stmt, "n:Id", ns),
        statement_date=_day(created, where) if created else (lines[-1].booking_date if lines else date.today()),
        opening_balance=_balance(stmt, ns, ("OPBD", "PRCD"), where),
        closing_balance=_balance(stmt, ns, ("CLBD",), where), lines=lines)


def read(data: bytes) -> list[BankStatement]:
    """Every statement (Stmt) of a camt.053 document; StatementFileError naming what is missing or wrong."""
    try:
        root = parse_untrusted(data)
    except (MalformedXml, UnsafeXml) as exc:
        raise StatementFileError(str(exc)) from None
    namespace = etree.QName(root).namespace or ""
    if "camt.053" not in namespace:
        raise StatementFileError(f"not a camt.053 document (namespace {namespace!r})", code="unsupported_statement")
    ns = {"n": namespace}
    statements = root.findall("n:BkToCstmrStmt/n:Stmt", ns)
    return [_statement(stmt, ns, n) for n, stmt in enumerate(statements, 1)]
