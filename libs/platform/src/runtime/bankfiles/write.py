"""Bank statement files written from a BankStatement: CODA 2 and camt.053.001.02, as a Belgian bank sends
them. For tests, the demo and the matching evaluation (banks write the real ones)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from runtime.bankfiles.model import BankLine, BankStatement


def _ddmmyy(day: date) -> str:
    return day.strftime("%d%m%y")


def _amount(value: Decimal) -> str:
    return ("1" if value < 0 else "0") + f"{int(abs(value) * 1000):015d}"


def _fit(text: str, width: int) -> str:
    return text[:width].ljust(width)


def _record(text: str) -> str:
    assert len(text) == 128, (len(text), text)
    return text


def _movement(n: int, line: BankLine, statement_number: str) -> list[str]:
    seq = f"{n:04d}"
    if line.structured:
        communication = "1101" + line.structured
    else:
        communication = "0" + line.communication[:53]
    first = ("21" + seq + "0000" + _fit(line.bank_reference or f"REF{n:010d}", 21) + _amount(line.amount)
             + _ddmmyy(line.value_date or line.booking_date) + "00150000" + _fit(communication, 54)
             + _ddmmyy(line.booking_date) + statement_number + "0" + "1" + " " + "0")
    second = "22" + seq + "0000" + _fit("", 53) + _fit("", 35) + _fit("GEBABEBB", 11) + _fit("", 16) + "1" + " " + "0"
    third = ("23" + seq + "0000" + _fit(line.counterparty_iban, 34) + "EUR" + _fit(line.counterparty_name, 35)
             + _fit("", 43) + "0 0")
    return [_record(first), _record(second), _record(third)]


def to_coda(statement: BankStatement, holder: str = "BOOKING FACTORY DEMO") -> bytes:
    """A CODA file of one statement on a Belgian IBAN (account structure 2)."""
    number = f"{int(statement.number) % 1000:03d}" if statement.number.isdigit() else "001"
    day = _ddmmyy(statement.statement_date)
    account = _fit(statement.account, 34) + statement.currency
    records = [
        _record("00000" + day + "300" + "05" + " " + _fit("", 7) + _fit("", 10) + _fit("BANK", 26)
                + _fit("GEBABEBB", 11) + _fit("00000000000", 11) + " " + "00000" + _fit("", 16) + " " + _fit("", 15)
                + _fit("", 7) + "2"),
        _record("12" + number + account + _amount(statement.opening_balance) + day + _fit(holder, 26)
                + _fit("", 35) + number),
    ]
    for n, line in enumerate(statement.lines, 1):
        records += _movement(n, line, number)
    records.append(_record("8" + number + account + _amount(statement.closing_balance) + day + _fit("", 64) + "0"))
    debit = -sum((ln.amount for ln in statement.lines if ln.amount < 0), Decimal("0"))
    credit = sum((ln.amount for ln in statement.lines if ln.amount > 0), Decimal("0"))
    records.append(_record("9" + _fit("", 15) + f"{len(records) - 1:06d}" + _amount(debit)[1:].rjust(15, "0")
                           + _amount(credit)[1:].rjust(15, "0") + _fit("", 75) + "2"))
    return ("\r\n".join(records) + "\r\n").encode("cp1252")


def _entry(line: BankLine) -> str:
    incoming = line.amount > 0
    role = "Dbtr" if incoming else "Cdtr"
    if line.structured:
        remittance = (f"<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp>"
                      f"<Ref>{line.structured}</Ref></CdtrRefInf></Strd>")
    else:
        remittance = f"<Ustrd>{escape(line.communication[:140])}</Ustrd>"
    return (
        f"<Ntry><NtryRef>{escape(line.sequence)}</NtryRef><Amt Ccy=\"EUR\">{abs(line.amount):.2f}</Amt>"
        f"<CdtDbtInd>{'CRDT' if incoming else 'DBIT'}</CdtDbtInd>"
        f"<Sts>BOOK</Sts><BookgDt><Dt>{line.booking_date.isoformat()}</Dt></BookgDt>"
        f"<ValDt><Dt>{(line.value_date or line.booking_date).isoformat()}</Dt></ValDt>"
        f"<AcctSvcrRef>{escape(line.bank_reference or line.sequence)}</AcctSvcrRef>"
        f"<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>{'RCDT' if incoming else 'ICDT'}</Cd><SubFmlyCd>ESCT</SubFmlyCd>"
        f"</Fmly></Domn></BkTxCd><NtryDtls><TxDtls><RltdPties><{role}><Nm>{escape(line.counterparty_name)}</Nm>"
        f"</{role}><{role}Acct><Id><IBAN>{line.counterparty_iban}</IBAN></Id></{role}Acct></RltdPties>"
        f"<RmtInf>{remittance}</RmtInf></TxDtls></NtryDtls></Ntry>")


def _balance(code: str, amount: Decimal, day: date) -> str:
    return (f"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{abs(amount):.2f}</Amt>"
            f"<CdtDbtInd>{'DBIT' if amount < 0 else 'CRDT'}</CdtDbtInd><Dt><Dt>{day.isoformat()}</Dt></Dt></Bal>")


def to_camt053(statement: BankStatement) -> bytes:
    """A camt.053.001.02 document with one statement."""
    day = statement.statement_date.isoformat()
    body = (
        f"<Stmt><Id>{escape(statement.number)}</Id><ElctrncSeqNb>{escape(statement.number)}</ElctrncSeqNb>"
        f"<CreDtTm>{day}T08:00:00</CreDtTm><Acct><Id><IBAN>{statement.account}</IBAN></Id>"
        f"<Ccy>{statement.currency}</Ccy></Acct>"
        + _balance("OPBD", statement.opening_balance, statement.statement_date)
        + _balance("CLBD", statement.closing_balance, statement.statement_date)
        + "".join(_entry(line) for line in statement.lines) + "</Stmt>")
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt>"
            f"<GrpHdr><MsgId>BF{escape(statement.number)}</MsgId><CreDtTm>{day}T08:00:00</CreDtTm></GrpHdr>"
            + body + "</BkToCstmrStmt></Document>").encode("utf-8")
