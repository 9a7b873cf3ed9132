"""The rates CLI on Postgres: an ECB file loaded, the rate a proposal would use shown; a bad file refused."""
from __future__ import annotations

import asyncio
import uuid

import pytest
from runtime.config import Settings
from runtime.db import drop_database

from enrichment.entrypoints.rates import main

pytestmark = pytest.mark.integration


def test_load_and_show(tmp_path, monkeypatch, capsys):
    name = f"test_rates_{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("BF_PG_DATABASE", name)
    good = tmp_path / "eurofxref-hist.csv"
    good.write_text("Date,USD,CHF,\n2025-03-14,1.0880,0.9610,\n2025-03-13,1.0857,0.9580,\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,USD\n2025-03-15,lots\n")
    try:
        assert main(["load", str(good)]) == 0
        assert "4 rates of 2 currencies loaded (2025-03-13 .. 2025-03-14)" in capsys.readouterr().out
        assert main(["show", "usd", "2025-03-16"]) == 0
        assert "USD 1.0880 per EUR on 2025-03-14 (ECB reference rate of 2025-03-14)" in capsys.readouterr().out
        assert main(["load", str(bad)]) == 2
        assert "line 2, USD: 'lots' is not a rate" in capsys.readouterr().err
        assert main(["show", "USD", "2025-04-30"]) == 0
        assert "no USD rate" in capsys.readouterr().out, "nothing older than a week is used"
    finally:
        settings = Settings(service="enrichment")
        asyncio.run(drop_database(settings.dsn("postgres"), name))
