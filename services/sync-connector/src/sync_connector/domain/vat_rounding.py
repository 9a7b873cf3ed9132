"""A VAT rounding difference (issue 15 item 1): the same lines rounded per line or per document come to a VAT up
to a cent per line apart. The booking must carry the validated VAT, so an adapter whose software rounds the
other way writes the validated VAT per tax (Tryton: adapters/tryton/vat_amounts.py) — only such a difference;
anything larger is a real one, refused by ``orders.check_totals``."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable
from decimal import Decimal

from sync_connector.domain.ports import BookingOrder, OrderLine

CENT = Decimal("0.01")


def validated_vat(order: BookingOrder, tax_of: Callable[[OrderLine], Hashable | None]
                  ) -> tuple[dict[Hashable, Decimal], dict[Hashable, int]]:
    """Per tax (``tax_of(line)``: the line's tax in the software, or None): the VAT the proposal's lines validated
    (a credit note's negative, as the software signs it) and how many lines carry it. Empty when the lines' VAT
    does not add up to the validated VAT total (nothing to align then)."""
    sign = Decimal(-1) if order.kind == "credit_note" else Decimal(1)
    amounts: dict[Hashable, Decimal] = defaultdict(Decimal)
    lines: dict[Hashable, int] = defaultdict(int)
    for line in order.lines:
        tax = tax_of(line) if line.vat_code else None
        if tax is not None:
            amounts[tax] += sign * (line.vat_amount or Decimal(0))
            lines[tax] += 1
    if sum(amounts.values(), Decimal(0)).copy_abs() != order.validated_totals().vat.copy_abs():
        return {}, {}
    return dict(amounts), dict(lines)


def rounding_only(computed: Decimal, wanted: Decimal, lines: int) -> bool:
    """A difference rounding per line instead of per document (or back) can make: at most a cent per line."""
    return computed != wanted and abs(computed - wanted) <= CENT * max(lines, 1)
