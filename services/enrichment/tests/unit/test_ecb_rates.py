"""Reading the ECB's reference-rate files (wide eurofxref CSV, SDMX csvdata, zipped), refusing anything else."""
from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from enrichment.adapters.ecb import RatesFileError, parse

WIDE = "Date,USD,JPY,GBP,\n2025-03-14,1.0880,161.45,0.8400,\n2025-03-13,1.0857,N/A,0.8382,\n"
DAILY = "Date, USD, JPY, \n14 March 2025, 1.0880, 161.45, \n"
SDMX = ("KEY,FREQ,CURRENCY,CURRENCY_DENOM,EXR_TYPE,EXR_SUFFIX,TIME_PERIOD,OBS_VALUE\n"
        "EXR.D.USD.EUR.SP00.A,D,USD,EUR,SP00,A,2025-03-03,1.0465\n")


def test_wide_history_file():
    rates = {(r.currency, r.day): r for r in parse(WIDE.encode())}
    assert len(rates) == 5, "N/A is no rate"
    usd = rates[("USD", date(2025, 3, 14))]
    assert usd.per_eur == Decimal("1.0880") and usd.source == "ECB reference rate of 2025-03-14"


def test_daily_file_with_spaces_and_long_dates():
    assert {(r.currency, r.day, r.per_eur) for r in parse(DAILY.encode())} == {
        ("USD", date(2025, 3, 14), Decimal("1.0880")), ("JPY", date(2025, 3, 14), Decimal("161.45"))}


def test_sdmx_and_zip():
    [rate] = parse(SDMX.encode())
    assert (rate.currency, rate.day, rate.per_eur) == ("USD", date(2025, 3, 3), Decimal("1.0465"))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("eurofxref-hist.csv", WIDE)
    assert len(parse(buffer.getvalue())) == 5


@pytest.mark.parametrize("data, words", [
    (b"", "empty"), (b"Name,Value\nx,1\n", "neither"), (b"Date,USD\n2025-13-01,1.1\n", "line 2"),
    (b"Date,USD\n2025-03-14,abc\n", "line 2, USD"), (b"Date,USD\n2025-03-14,-1\n", "positive"),
    (b"\xff\xfe\x00", "not a text file")])
def test_bad_files_are_refused_naming_the_place(data, words):
    with pytest.raises(RatesFileError, match=words):
        parse(data)
