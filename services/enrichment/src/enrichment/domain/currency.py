"""REC-3: bookings are in EUR; a foreign amount is converted at the reference rate of the invoice date."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
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


class RatesError(Exception):
    """The reference rates could not be had (unreachable source, unreadable file); the message says why."""


@dataclass(frozen=True)
class RatesStatus:
    """How current the stored rates are: the last scheduled fetch that worked, the newest rate's day, and the
    failed attempts since (with when the next one may be made and why the last one failed)."""

    fetched_at: datetime | None
    newest_day: date | None
    failures: int = 0
    retry_at: datetime | None = None
    last_error: str | None = None


def last_publication(now: datetime, hour: int) -> datetime:
    """When the ECB last published, as of `now`: `hour` o'clock (UTC) of the latest weekday at or before `now`.

    TARGET holidays are weekdays without rates; a fetch after one just finds nothing newer.
    """
    at = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if at > now:
        at -= timedelta(days=1)
    while at.weekday() >= 5:
        at -= timedelta(days=1)
    return at


def retry_delay(failures: int, first_s: float, max_s: float) -> float:
    """Seconds to wait after the `failures`-th failed attempt in a row: `first_s`, doubled each time, up to `max_s`."""
    return min(first_s * 2 ** min(max(failures - 1, 0), 30), max_s)  # capped exponent: no overflow
