"""One bank statement as a file carries it, whatever the format, and the checks every format shares."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from stdnum.be import ogm_vcs

Format = Literal["coda", "camt053"]


class StatementFileError(ValueError):
    """The file is not a statement we can import; `code` names the problem, the message says where."""

    def __init__(self, message: str, code: str = "malformed_statement") -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class BankLine:
    """One movement: positive amount = money in. `structured` is the Belgian structured communication
    (12 digits, checked) when the line carries one; `communication` is the free text otherwise."""

    sequence: str
    booking_date: date
    amount: Decimal
    value_date: date | None = None
    communication: str = ""
    structured: str | None = None
    counterparty_name: str = ""
    counterparty_iban: str = ""
    bank_reference: str = ""

    @property
    def structured_display(self) -> str | None:
        """+++ddd/dddd/ddddd+++ as printed on an invoice."""
        s = self.structured
        return f"+++{s[:3]}/{s[3:7]}/{s[7:]}+++" if s else None


@dataclass(frozen=True)
class BankStatement:
    """A statement of one account: balances, lines, and what identifies it (number, account, dates)."""

    format: Format
    account: str
    currency: str
    number: str
    statement_date: date
    opening_balance: Decimal
    closing_balance: Decimal
    lines: tuple[BankLine, ...] = field(default=())

    @property
    def movements(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0"))

    def check_balanced(self) -> None:
        """Opening balance plus the movements must be the closing balance."""
        if self.opening_balance + self.movements != self.closing_balance:
            raise StatementFileError(
                f"statement {self.number} of {self.account} does not balance: opening {self.opening_balance} + "
                f"movements {self.movements} = {self.opening_balance + self.movements}, closing balance says "
                f"{self.closing_balance}", code="unbalanced_statement")


def structured_of(text: str) -> str | None:
    """The 12 digits of a valid Belgian structured communication found in `text`, else None."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) == 12 and ogm_vcs.is_valid(digits):
        return digits
    return None


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sniff_format(data: bytes) -> Format | None:
    """CODA (a '0000' header record of 128 characters) or camt.053 (its ISO 20022 namespace); None otherwise."""
    head = data[:4096]
    if head.startswith(b"0000") and len(head.split(b"\n", 1)[0].rstrip(b"\r")) == 128:
        return "coda"
    if b"urn:iso:std:iso:20022:tech:xsd:camt.053." in head:
        return "camt053"
    return None


def read_statement(data: bytes) -> BankStatement:
    """The one statement a file holds, checked (structure and balance); StatementFileError naming the problem."""
    from runtime.bankfiles import camt, coda

    kind = sniff_format(data)
    if kind is None:
        raise StatementFileError("not a CODA or camt.053 bank statement", code="unsupported_statement")
    statements = coda.read(data) if kind == "coda" else camt.read(data)
    if len(statements) != 1:
        raise StatementFileError(f"the file holds {len(statements)} statements; send one statement per file",
                                 code="several_statements")
    statement = statements[0]
    statement.check_balanced()
    return statement
