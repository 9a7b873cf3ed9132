"""Reads the euro foreign exchange reference rates as the ECB publishes them (a file you have, or downloaded).

Two layouts: the wide CSV of eurofxref-hist.csv / eurofxref.csv (Date, USD, JPY, ...; 'N/A' where no
rate), and the SDMX 'csvdata' of the ECB data portal (KEY, ..., CURRENCY, ..., TIME_PERIOD, OBS_VALUE).
A zip holding one of them is read too.
"""
from __future__ import annotations

import asyncio
import csv
import http.client
import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from urllib.request import urlopen

from enrichment.domain.currency import RatesError
from enrichment.domain.model import ExchangeRate

ECB_HISTORY_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip"
MAX_BYTES = 50_000_000  # the whole history is under 1 MB zipped, 15 MB as CSV


class RatesFileError(RatesError, ValueError):
    """The file is not one of the ECB layouts, or a value in it is not a rate; the message names the place."""


class RatesUnavailable(RatesError, OSError):
    """The file could not be downloaded (no network, refused, HTTP error, timeout, too large)."""


def source_of(day: date) -> str:
    return f"ECB reference rate of {day.isoformat()}"


def _day(text: str, where: str) -> date:
    text = text.strip()
    try:
        return date.fromisoformat(text)  # the usual layout, fast: the history has 7,000 days
    except ValueError:
        pass
    for fmt in ("%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise RatesFileError(f"{where}: {text!r} is not a date")


def _rate(text: str, where: str) -> Decimal | None:
    text = text.strip()
    if text in ("", "N/A"):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise RatesFileError(f"{where}: {text!r} is not a rate") from None
    if not value.is_finite() or value <= 0:
        raise RatesFileError(f"{where}: {text!r} is not a positive rate")
    return value


def _wide(rows: list[list[str]], after: date | None) -> list[ExchangeRate]:
    header = [h.strip() for h in rows[0]]
    currencies = [(i, c) for i, c in enumerate(header) if re.fullmatch(r"[A-Z]{3}", c)]
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        day = _day(row[0], f"line {n}")
        if after is not None and day <= after:
            continue
        for i, currency in currencies:
            value = _rate(row[i], f"line {n}, {currency}") if i < len(row) else None
            if value is not None:
                out.append(ExchangeRate(currency, day, value, source_of(day)))
    return out


def _sdmx(rows: list[list[str]], after: date | None) -> list[ExchangeRate]:
    header = [h.strip() for h in rows[0]]
    try:
        cur, per, val = header.index("CURRENCY"), header.index("TIME_PERIOD"), header.index("OBS_VALUE")
    except ValueError:
        raise RatesFileError("SDMX file without CURRENCY, TIME_PERIOD and OBS_VALUE columns") from None
    denom = header.index("CURRENCY_DENOM") if "CURRENCY_DENOM" in header else None
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if denom is not None and row[denom].strip() != "EUR":
            raise RatesFileError(f"line {n}: rates against {row[denom]!r}, not the euro")
        day = _day(row[per], f"line {n}")
        if after is not None and day <= after:
            continue
        value = _rate(row[val], f"line {n}")
        if value is not None:
            out.append(ExchangeRate(row[cur].strip(), day, value, source_of(day)))
    return out


def _rows(data: bytes) -> list[list[str]]:
    """The CSV rows of an ECB file (or of the one CSV in a zip); RatesFileError when it holds none."""
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = [n for n in archive.namelist() if n.lower().endswith(".csv")]
                if len(names) != 1:
                    raise RatesFileError(f"the zip holds {len(names)} CSV files; expected one")
                data = archive.read(names[0])
        except zipfile.BadZipFile as exc:  # e.g. a download cut short
            raise RatesFileError(f"not a readable zip: {exc}") from None
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    except UnicodeDecodeError:
        raise RatesFileError("not a text file") from None
    if not rows:
        raise RatesFileError("the file is empty")
    return rows


def _layout(rows: list[list[str]]) -> str:
    first = rows[0][0].strip() if rows[0] else ""
    if first in ("Date", "KEY"):
        return first
    raise RatesFileError(f"first column {first!r}: neither an ECB eurofxref CSV ('Date') nor SDMX csvdata ('KEY')")


def parse(data: bytes, after: date | None = None) -> list[ExchangeRate]:
    """The rates of an ECB file (CSV, or a zip with one CSV), only those of days after `after` when given;
    RatesFileError when it is none of those."""
    rows = _rows(data)
    return _wide(rows, after) if _layout(rows) == "Date" else _sdmx(rows, after)


def newest_day(data: bytes) -> date | None:
    """The newest day an ECB file has rates of, read from its dates only where the layout allows (eurofxref)."""
    rows = _rows(data)
    if _layout(rows) == "Date":
        return max((_day(r[0], f"line {n}") for n, r in enumerate(rows[1:], start=2) if r and r[0].strip()),
                   default=None)
    return max((r.day for r in _sdmx(rows, None)), default=None)


def download(url: str, timeout_s: float) -> bytes:
    """The file at `url`; RatesUnavailable naming the URL and the reason when it cannot be had."""
    try:
        with urlopen(url, timeout=timeout_s) as answer:  # noqa: S310 (an operator's setting, ECB by default)
            data = answer.read(MAX_BYTES + 1)
    except (OSError, http.client.HTTPException, ValueError) as exc:  # ValueError: not a URL
        raise RatesUnavailable(f"{url}: {getattr(exc, 'reason', None) or exc}") from exc
    if len(data) > MAX_BYTES:
        raise RatesUnavailable(f"{url}: more than {MAX_BYTES} bytes, not a rates file")
    return data


async def fetch(url: str, timeout_s: float) -> list[ExchangeRate]:
    """The rates of the file at `url` (downloaded off the event loop); RatesError when there are none to have."""
    return parse(await asyncio.to_thread(download, url, timeout_s))
