"""REC-3: bookings are in EUR; a foreign amount is converted at the reference rate of the invoice date."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from enrichment.domain.model import ExchangeRate

CENT = Decimal("0.01")
MAX_AGE_DAYS = 7  # weekends and holidays: the last rate published before the date, at most a week old


def to_eur(amount: Decimal, rate: ExchangeRate | None) -> Decimal:
    """The amount in EUR (rounded to the cent); unchanged when there is no rate (EUR itself)."""
    if rate is None:
        return amount.quantize(CENT, ROUND_HALF_UP)
    return (amount / rate.per_eur).quantize(CENT, ROUND_HALF_UP)


def eur_per_unit(rate: ExchangeRate) -> Decimal:
    """EUR per unit of the foreign currency (what proposal.created carries)."""
    return (Decimal(1) / rate.per_eur).quantize(Decimal("0.000001"), ROUND_HALF_UP)
