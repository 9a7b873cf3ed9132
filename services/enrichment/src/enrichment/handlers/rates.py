"""ENR-2 / REC-3: the reference rates foreign invoices are converted with — stored from an ECB file, and
fetched on a schedule once per ECB publication by one instance, failures backing off for all."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from enrichment.domain.currency import RatesError, last_publication, retry_delay
from enrichment.domain.model import ExchangeRate
from enrichment.handlers.ports import Replica

Fetch = Callable[[], Awaitable[list[ExchangeRate]]]  # the rates of a file; RatesError when there are none to have


@dataclass(frozen=True)
class Loaded:
    """What a file brought: how many rates, of how many currencies, from which day to which."""

    count: int
    currencies: int
    first: date | None
    last: date | None

    def __str__(self) -> str:
        span = f"{self.first} .. {self.last}" if self.first else "no days"
        return f"{self.count} rates of {self.currencies} currencies loaded ({span})"


class Bundle(Protocol):
    """A rates history shipped with the installation (adapters.bundled): its newest day and its rates after a day."""

    origin: str
    newest: date | None

    async def rates_after(self, day: date | None) -> list[ExchangeRate]: ...


@dataclass(frozen=True)
class Schedule:
    """When fetches are due: after `hour` (UTC) each weekday; after a failure `retry_s`, doubled up to `retry_max_s`."""

    hour: int
    retry_s: float
    retry_max_s: float


@dataclass(frozen=True)
class Attempt:
    """One look at the schedule: 'not_due' (nothing to do, or another instance is at it), 'fetched' or 'failed'."""

    outcome: str
    loaded: Loaded | None = None
    failures: int = 0            # failed attempts in a row, this one included
    reason: str = ""
    retry_at: datetime | None = None


def _loaded(rates: list[ExchangeRate]) -> Loaded:
    days = sorted({r.day for r in rates})
    return Loaded(len(rates), len({r.currency for r in rates}), days[0] if days else None,
                  days[-1] if days else None)


async def fetch_and_store(replica: Replica, fetch: Fetch) -> Loaded:
    """Get the rates of a file and store them (newer values replace older ones); the CLI and the schedule alike."""
    rates = await fetch()
    await replica.save_rates(rates)
    return _loaded(rates)


async def seed(replica: Replica, bundle: Bundle) -> Loaded | None:
    """Store the shipped history's rates that the stored ones lack: all of them on an empty table, the days after
    the newest stored one otherwise (a stored rate is never replaced). None when the stored rates are as new."""
    await replica.hold_rates()
    newest = (await replica.rates_status()).newest_day
    if bundle.newest is None or (newest is not None and newest >= bundle.newest):
        return None
    rates = await bundle.rates_after(newest)
    await replica.seed_rates(rates)
    return _loaded(rates)


async def refresh(replica: Replica, fetch: Fetch, now: datetime, schedule: Schedule) -> Attempt:
    """Fetch and store the rates if a fetch is due at `now` and this instance claims it (in the caller's
    transaction, so the claim, the rates and the outcome commit together); a failure sets the next attempt."""
    failures = await replica.claim_rates_fetch(now, last_publication(now, schedule.hour))
    if failures is None:
        return Attempt("not_due")
    try:
        loaded = await fetch_and_store(replica, fetch)
    except RatesError as exc:
        retry_at = now + timedelta(seconds=retry_delay(failures + 1, schedule.retry_s, schedule.retry_max_s))
        await replica.rates_fetch_failed(retry_at, str(exc))
        return Attempt("failed", failures=failures + 1, reason=str(exc), retry_at=retry_at)
    await replica.rates_fetched(now)
    return Attempt("fetched", loaded=loaded)
