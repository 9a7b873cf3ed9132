"""The sync API (ACT-1, ACT-2, SYN-4, SYN-5): who may see the status and ask for which sync, bad
input named, and the nightly schedule (SYN-3) honouring the dossier setting."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import httpx
import pytest
from contracts.codec import deserialize
from contracts.events.ledger import SyncRun
from runtime.auth.principal import ClientProfile, Principal, PrincipalKind, Role
from runtime.auth.tokens import TokenIssuer, TokenVerifier, generate_signing_key
from runtime.service import http_app
from runtime.testing import temp_pool

from sync_connector.adapters import repository as repo
from sync_fake_adapter import FakeAdapter
from sync_testkit import seed_dossier
from sync_connector.adapters.registry import Adapters
from sync_connector.bootstrap import MIGRATIONS, SPEC
from sync_connector.config import SyncSettings
from sync_connector.domain.status import after_rejection
from sync_connector.entrypoints.scheduler import request_nightly
from sync_connector.handlers.context import Deps

pytestmark = pytest.mark.integration
OFFICE, FOREIGN_OFFICE = str(uuid.uuid4()), str(uuid.uuid4())
OWN, OTHER, UNLINKED = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


@pytest.fixture
async def pool():
    async with temp_pool(SyncSettings(service="sync-connector-test"), MIGRATIONS) as pool:
        for dossier, nightly, code in ((OWN, True, "own"), (OTHER, False, "other"), (UNLINKED, True, None)):
            await seed_dossier(pool, dossier, uuid.UUID(OFFICE), name="D", settings={"nightly_sync": nightly},
                               software="fake", code=code, activated=code is not None)
        await pool.execute("INSERT INTO snapshots VALUES ($1, 'periods', '2026-03', 'x')", OWN)
        yield pool


@pytest.fixture
def issuer() -> TokenIssuer:
    return TokenIssuer(generate_signing_key(), "test-kid", "bookingfactory-office")


@pytest.fixture
async def client(pool, issuer):
    settings = SyncSettings(service="sync-connector-test")
    deps = Deps(pool=pool, settings=settings, adapters=Adapters(fixed={("fake", "local"): FakeAdapter()}))
    app = http_app(SPEC, settings, deps, token_verifier=TokenVerifier(issuer=issuer.issuer, jwks=issuer.jwks()))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sync") as c:
        yield c


def auth(issuer: TokenIssuer, who: str, dossier: uuid.UUID = OWN) -> dict[str, str]:
    people = {
        "ADMIN": Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, OFFICE, role=Role.ADMIN),
        "COLLABORATOR": Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, OFFICE, role=Role.COLLABORATOR,
                                  assigned_dossiers=frozenset({str(dossier)})),
        "SUPPORT": Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, OFFICE, role=Role.SUPPORT,
                             assigned_dossiers=frozenset({str(dossier)})),
        "CLIENT": Principal(str(uuid.uuid4()), PrincipalKind.CLIENT, OFFICE,
                            profiles={str(dossier): ClientProfile.ADMINISTRATOR}),
        "FOREIGN_ADMIN": Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, FOREIGN_OFFICE, role=Role.ADMIN),
    }
    return {"authorization": f"Bearer {issuer.issue(people[who])}"}


async def requested(pool) -> list:
    rows = await pool.fetch("SELECT topic, payload FROM outbox ORDER BY created_at")
    return [deserialize(r["topic"], bytes(r["payload"]) if not isinstance(r["payload"], bytes) else r["payload"])
            for r in rows]


async def test_the_status_is_shown_to_the_dossiers_collaborators_only(client, issuer, pool):
    await pool.execute("UPDATE dossier_links SET sync_status = 'needs_collaborator', instruction = 'Reopen the period' "
                       "WHERE dossier_id = $1", OWN)
    for who in ("ADMIN", "COLLABORATOR", "SUPPORT"):
        answer = await client.get(f"/dossiers/{OWN}/sync", headers=auth(issuer, who))
        assert answer.status_code == 200, who
        body = answer.json()
        assert (body["sync_status"], body["instruction"], body["dossier_code"]) == ("needs_collaborator",
                                                                                    "Reopen the period", "own")
    assert (await client.get(f"/dossiers/{OWN}/sync", headers=auth(issuer, "CLIENT"))).status_code == 403
    assert (await client.get(f"/dossiers/{OWN}/sync", headers=auth(issuer, "FOREIGN_ADMIN"))).status_code == 403
    assert (await client.get(f"/dossiers/{uuid.uuid4()}/sync", headers=auth(issuer, "ADMIN"))).status_code == 403
    assert (await client.get(f"/dossiers/{OWN}/sync")).status_code == 401


async def test_a_manual_sync_is_requested_by_a_collaborator_a_full_one_only_by_an_admin(client, issuer, pool):
    body = {"reason": "manual", "updated_up_to": "2026-02-28", "new_active_period": "2026-03",
            "reset_sent_counter": True, "notify_client": True}
    answer = await client.post(f"/dossiers/{OWN}/sync", json=body, headers=auth(issuer, "COLLABORATOR"))
    assert answer.status_code == 202
    event, = await requested(pool)
    assert str(event.event_id) == answer.json()["request_id"] and event.reason == "manual"
    assert (str(event.updated_up_to), event.new_active_period, event.reset_sent_counter, event.notify_client) == (
        "2026-02-28", "2026-03", True, True)
    assert event.requested_by.kind == "collaborator"
    assert (await client.post(f"/dossiers/{OWN}/sync", json=body, headers=auth(issuer, "SUPPORT"))).status_code == 403
    full = {"reason": "full"}
    assert (await client.post(f"/dossiers/{OWN}/sync", json=full,
                              headers=auth(issuer, "COLLABORATOR"))).status_code == 403
    assert (await client.post(f"/dossiers/{OWN}/sync", json=full, headers=auth(issuer, "ADMIN"))).status_code == 202
    assert (await client.post(f"/dossiers/{OWN}/sync", json=full,
                              headers=auth(issuer, "FOREIGN_ADMIN"))).status_code == 403
    assert [e.reason for e in await requested(pool)] == ["manual", "full"]


async def test_bad_sync_requests_name_the_problem_and_request_nothing(client, issuer, pool):
    admin = auth(issuer, "ADMIN")
    unknown = await client.post(f"/dossiers/{OWN}/sync", json={"new_active_period": "2031-01"}, headers=admin)
    assert unknown.status_code == 422 and unknown.json()["error"]["fields"][0]["field"] == "new_active_period"
    bad_date = await client.post(f"/dossiers/{OWN}/sync", json={"updated_up_to": "yesterday"}, headers=admin)
    assert bad_date.status_code == 422 and "updated_up_to" in bad_date.json()["error"]["message"]
    mixed = await client.post(f"/dossiers/{OWN}/sync", json={"reason": "full", "updated_up_to": "2026-01-31"},
                              headers=admin)
    assert mixed.status_code == 422
    unlinked = await client.post(f"/dossiers/{UNLINKED}/sync", json={}, headers=auth(issuer, "ADMIN", UNLINKED))
    assert unlinked.status_code == 409 and unlinked.json()["error"]["code"] == "not_linked"
    assert await requested(pool) == []


async def test_the_nightly_sync_is_requested_once_a_day_for_dossiers_that_want_it(pool):
    night = datetime(2026, 11, 28, 1, 0, tzinfo=timezone.utc)
    assert await request_nightly(pool, night, hour=2) == 0  # before the hour
    at_two = night.replace(hour=2, minute=5)
    assert await request_nightly(pool, at_two, hour=2) == 1
    assert await request_nightly(pool, at_two.replace(hour=4), hour=2) == 0  # once a day
    event, = await requested(pool)
    assert event.reason == "nightly" and event.dossier_id == OWN and event.requested_by is None
    assert await request_nightly(pool, at_two.replace(day=29), hour=2) == 1  # OTHER has nightly_sync off


async def test_the_runs_say_what_to_do_and_the_periods_are_offered(client, issuer, pool):
    """ACT-2: a failed run carries its instruction (not only the software's raw error); the dossier's known periods
    are the choices for a new active period (SYN-4)."""
    verdict = after_rejection("ClosePeriodError", "draft moves in 2026-02")
    now = datetime.now(timezone.utc)
    run = SyncRun(run_id=uuid.uuid4(), reason="manual", started_at=now - timedelta(seconds=3), finished_at=now,
                  sync_status=verdict.status, instruction=verdict.instruction)
    async with pool.acquire() as conn:
        await repo.record_run(conn, OWN, run, "failed", "draft moves in 2026-02", verdict)
        await repo.set_status(conn, OWN, verdict)
    body = (await client.get(f"/dossiers/{OWN}/sync", headers=auth(issuer, "COLLABORATOR"))).json()
    assert body["periods"] == ["2026-03"]
    shown, = body["runs"]
    assert (shown["outcome"], shown["error_reason"]) == ("failed", "draft moves in 2026-02")
    assert shown["instruction"].endswith("then run the manual sync again.")
    # issue 15: the code and its values, for the portal to say in the reader's language
    said = ("ClosePeriodError", {"reason": "draft moves in 2026-02"})
    assert (shown["instruction_code"], shown["instruction_params"]) == said
    assert (body["instruction_code"], body["instruction_params"]) == said
    monitor = (await client.get(f"/monitor/sync?dossier_id={OWN}", headers=auth(issuer, "ADMIN"))).json()
    assert [(r["instruction_code"], r["instruction_params"]) for r in monitor["items"]] == [said]


async def test_the_monitor_reads_status_instruction_and_last_run_of_reachable_dossiers(client, issuer, pool):
    """ACT-1: one call for the monitor's rows: each dossier's status with its instruction and its last run; a
    collaborator gets the dossiers they reach, a client user 403, another office nothing."""
    await pool.execute("UPDATE dossier_links SET sync_status = 'needs_collaborator', instruction = 'Reopen the period' "
                       "WHERE dossier_id = $1", OWN)
    now = datetime.now(timezone.utc)
    for finished, outcome in ((now - timedelta(hours=1), "succeeded"), (now, "failed")):
        run = SyncRun(run_id=uuid.uuid4(), reason="manual", started_at=finished - timedelta(seconds=2),
                      finished_at=finished, sync_status="ok")
        async with pool.acquire() as conn:
            await repo.record_run(conn, OWN, run, outcome, None)
    answer = await client.get("/monitor/sync", headers=auth(issuer, "ADMIN"))
    assert answer.status_code == 200
    rows = {r["dossier_id"]: r for r in answer.json()["items"]}
    assert set(rows) == {str(OWN), str(OTHER), str(UNLINKED)}
    own = rows[str(OWN)]
    assert (own["sync_status"], own["instruction"], own["last_run_outcome"]) == (
        "needs_collaborator", "Reopen the period", "failed")
    assert rows[str(OTHER)]["last_run_at"] is None and rows[str(UNLINKED)]["linked"] is False
    picked = await client.get(f"/monitor/sync?dossier_id={OTHER}", headers=auth(issuer, "ADMIN"))
    assert [r["dossier_id"] for r in picked.json()["items"]] == [str(OTHER)]
    mine = await client.get("/monitor/sync", headers=auth(issuer, "COLLABORATOR"))
    assert [r["dossier_id"] for r in mine.json()["items"]] == [str(OWN)]
    assert (await client.get("/monitor/sync", headers=auth(issuer, "CLIENT"))).status_code == 403
    assert (await client.get("/monitor/sync", headers=auth(issuer, "FOREIGN_ADMIN"))).json()["items"] == []
