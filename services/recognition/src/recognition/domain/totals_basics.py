"""What every totals rule shares: the totals fields, the known VAT rates, and the amounts on a line."""
from __future__ import annotations

from decimal import Decimal

from recognition.domain.layout import TextLine
from recognition.domain.parsing import amounts_in, ocr_digits

TOTAL_FIELDS = ("total_excl_vat", "total_vat", "total_incl_vat")
KNOWN_RATES = tuple(Decimal(r) for r in ("0", "5", "5.5", "6", "7", "9", "10", "12", "19", "20", "21"))
CENT = Decimal("0.01")


def line_amounts(line: TextLine, method: str) -> list[tuple[Decimal, int, int]]:
    """The amounts on a line; on OCR'd text also those with letters read for digits ('1.2l4,5O')."""
    return amounts_in(ocr_digits(line.text) if method == "ocr" else line.text)


def last_amount(line: TextLine, after: int, method: str = "pdf_text") -> tuple[Decimal, int, int] | None:
    found = [a for a in line_amounts(line, method) if a[1] >= after]
    return found[-1] if found else None


def consistent(net: Decimal, vat: Decimal, total: Decimal) -> bool:
    return net >= 0 and vat >= 0 and abs(net + vat - total) <= CENT or (
        net < 0 and abs(net + vat - total) <= CENT)
