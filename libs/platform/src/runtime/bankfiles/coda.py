"""CODA (Febelfin "coded statement of account", version 2): 128-character records, read by position.

Records used: 0 header, 1 old balance, 2.1/2.2/2.3 movement with its communication and counterparty,
8 new balance, 9 trailer (its debit/credit totals and its count of records 1, 2, 3 and 8 checked, as febelfin-coda
does). 3.x and 4 are information and free messages: counted, not read. A file may hold several statements (0 ... 9
blocks)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from runtime.bankfiles.model import BankLine, BankStatement, StatementFileError, structured_of

RECORD = 128
CENT = Decimal("0.01")


def _date(text: str, where: str) -> date:
    try:
        return date(2000 + int(text[4:6]), int(text[2:4]), int(text[0:2]))
    except ValueError:
        raise StatementFileError(f"{where}: {text!r} is not a date DDMMYY") from None


def _amount(sign: str, digits: str, where: str) -> Decimal:
    if not digits.isdigit() or sign not in "01":
        raise StatementFileError(f"{where}: {sign}{digits!r} is not a CODA amount")
    value = Decimal(f"{digits[:-3]}.{digits[-3:]}")  # three decimals; cents when the third is 0
    if value == value.quantize(CENT):
        value = value.quantize(CENT)
    return -value if sign == "1" else value


@dataclass
class _Open:
    """A statement being read."""

    account: str = ""
    currency: str = "EUR"
    number: str = ""
    opening: Decimal = Decimal("0")
    closing: Decimal | None = None
    created: date | None = None
    lines: list[dict] = field(default_factory=list)
    records: int = 0  # records 1, 2.x, 3.x and 8 read: what the trailer counts


def _account(record: str) -> tuple[str, str]:
    """Account number and currency of a record 1 by its account structure (pos 2)."""
    structure = record[1]
    if structure == "0":
        return record[5:17].strip(), record[18:21]
    if structure == "2":
        return record[5:36].strip(), record[39:42]
    if structure in "13":
        return record[5:39].strip(), record[39:42]
    raise StatementFileError(f"record 1: account structure {structure!r} is not 0, 1, 2 or 3")


def _movement(record: str, where: str) -> dict:
    structured = record[61] == "1"
    text = record[62:115]
    return {
        "sequence": record[2:6], "detail": record[6:10], "bank_reference": record[10:31].strip(),
        "amount": _amount(record[31], record[32:47], where), "value_date": _date(record[47:53], where),
        "booking_date": _date(record[115:121], where),
        "structured": structured_of(text[3:15]) if structured and text[:3] in ("101", "102") else None,
        "communication": "" if structured else text.rstrip(),
        "counterparty_iban": "", "counterparty_name": "",
    }


def _line(record: str, current: _Open, where: str) -> None:
    kind = record[:2]
    if kind == "21":
        if record[6:10] != "0000":  # a detail of a globalised movement: the total line already counts it
            return
        current.lines.append(_movement(record, where))
    elif kind in ("22", "23") and current.lines:
        last = current.lines[-1]
        if kind == "22" and not last["structured"]:
            last["communication"] = (last["communication"] + record[10:63]).rstrip()
        elif kind == "23":
            last["counterparty_iban"] = record[10:44].strip().replace(" ", "")
            last["counterparty_name"] = record[47:82].strip()
            if not last["structured"]:
                last["communication"] = (last["communication"] + record[82:125]).rstrip()


def _close(current: _Open, record: str, where: str) -> None:
    debit, credit = _amount("0", record[22:37], where), _amount("0", record[37:52], where)
    moved_in = sum((ln["amount"] for ln in current.lines if ln["amount"] > 0), Decimal("0"))
    moved_out = -sum((ln["amount"] for ln in current.lines if ln["amount"] < 0), Decimal("0"))
    if (debit, credit) != (moved_out, moved_in):
        raise StatementFileError(f"{where}: the trailer's totals (debit {debit}, credit {credit}) are not the "
                                 f"movements' (debit {moved_out}, credit {moved_in})", code="unbalanced_statement")
    counted = int(record[16:22]) if record[16:22].isdigit() else None
    if counted != current.records:  # febelfin-coda (Tryton) asserts the same count
        raise StatementFileError(f"{where}: the trailer counts {record[16:22].strip() or 'no'} records, the statement "
                                 f"has {current.records} (records 1, 2, 3 and 8)")


def _statement(current: _Open) -> BankStatement:
    lines = tuple(BankLine(booking_date=ln["booking_date"], **{k: v for k, v in ln.items()
                                                               if k not in ("detail", "booking_date")})
                  for ln in current.lines)
    assert current.closing is not None and current.created is not None
    return BankStatement(format="coda", account=current.account, currency=current.currency, number=current.number,
                         statement_date=current.created, opening_balance=current.opening,
                         closing_balance=current.closing, lines=lines)


def read(data: bytes) -> list[BankStatement]:
    """Every statement of a CODA file; StatementFileError at the first record that breaks the format."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise StatementFileError("a CODA file is text (windows-1252)") from None
    records = [r for r in text.replace("\r\n", "\n").split("\n")]
    while records and not records[-1].strip():
        records.pop()
    statements: list[BankStatement] = []
    current: _Open | None = None
    for n, record in enumerate(records, 1):
        where = f"record {n}"
        if len(record) != RECORD:
            raise StatementFileError(f"{where}: {len(record)} characters, a CODA record has {RECORD}")
        kind = record[0]
        if kind == "0":
            if current is not None:
                raise StatementFileError(f"{where}: a new header before the trailer (record 9) of the statement")
            current = _Open(created=_date(record[5:11], where))
            continue
        if current is None:
            raise StatementFileError(f"{where}: record {kind} before the header (record 0)")
        if kind == "9":
            if current.closing is None:
                raise StatementFileError(f"{where}: trailer without a new balance (record 8)")
            _close(current, record, where)
            statements.append(_statement(current))
            current = None
            continue
        if kind in "1238":
            current.records += 1
        if kind == "1":
            current.account, current.currency = _account(record)
            current.number = record[2:5]
            current.opening = _amount(record[42], record[43:58], where)
        elif kind == "2":
            _line(record, current, where)
        elif kind == "8":
            current.closing = _amount(record[41], record[42:57], where)
        elif kind not in "34":
            raise StatementFileError(f"{where}: unknown record type {kind!r}")
    if current is not None or not statements:
        raise StatementFileError("the file ends without a trailer (record 9)")
    return statements
