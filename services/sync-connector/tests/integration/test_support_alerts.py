"""ACT-3 through Kafka and Postgres (the software being the fake adapter): a sync that needs support mails the
dossier's people allowed support.alerts.receive once per incident — not at every retry while the software is down
— the monitor marks it, and after the recovery the next incident alerts again."""
from __future__ import annotations

import asyncio
import json
import uuid

import pytest
from contracts.events.dossiers import Assignment
from contracts.events.ledger import SyncRequested
from prometheus_client import REGISTRY
from runtime.testing import wait_for
from service_harness import activated, running
from sync_testkit import new_code, seed_fake

from sync_fake_adapter import FakeAdapter
from sync_connector.adapters import repository as repo
from sync_connector.adapters.registry import Adapters
from sync_connector.entrypoints.metrics import count_statuses

pytestmark = pytest.mark.integration
PEOPLE = (Assignment(collaborator_id=uuid.uuid4(), email="sara@office.example", name="Sara", role="support",
                     language="fr"),
          Assignment(collaborator_id=uuid.uuid4(), email="carl@office.example", name="Carl", role="collaborator"))


async def _alerts(svc) -> list[dict]:
    rows = await svc.rt.pool.fetch("SELECT payload FROM outbox WHERE topic = 'notification.requested' ORDER BY id")
    found = [json.loads(bytes(r["payload"])) for r in rows]
    return [f for f in found if f["template"] == "sync.needs_support"]


async def _status(svc, dossier) -> str:
    return (await repo.dossier(svc.rt.pool, dossier))["sync_status"]


async def _becomes(svc, dossier, status: str) -> None:
    async def reached() -> bool:
        return await _status(svc, dossier) == status
    await wait_for(reached, timeout=30)


async def _needing_support(svc) -> float | None:
    """bf_sync_dossiers{status="needs_support"} once counted in the service's database (as the connector does every
    15 s; the harness starts no on_start task)."""
    await count_statuses(svc.rt.pool)
    return REGISTRY.get_sample_value("bf_sync_dossiers", {"status": "needs_support"})


async def test_support_is_alerted_once_per_incident_and_again_after_a_recovery():
    fake, code = FakeAdapter(), new_code()
    seed_fake(fake, code)
    office, dossier = uuid.uuid4(), uuid.uuid4()
    event = activated(office, dossier, code, software="fake")
    event = event.model_copy(update={"dossier": event.dossier.model_copy(update={"assignments": PEOPLE})})
    async with running(Adapters(fixed={("fake", "local"): fake})) as svc:
        await svc.publish(event, "dossier.changed")
        await svc.ledger(1, dossier_id=dossier)
        assert await _status(svc, dossier) == "ok" and await _alerts(svc) == []

        fake.down = True  # the nightly sync meets a software that cannot be reached, and is retried meanwhile
        await svc.publish(SyncRequested(correlation_id="n1", office_id=office, dossier_id=dossier, reason="nightly"),
                          "sync.requested")
        await _becomes(svc, dossier, "needs_support")
        await asyncio.sleep(2)  # many retries later
        alert, = await _alerts(svc)
        assert alert["recipient"]["email"] == "sara@office.example" and alert["language"] == "fr"
        assert alert["dossier_id"] == str(dossier) and alert["params"]["link_path"] == f"/dossiers/{dossier}/sync"
        assert "cannot be reached" in alert["params"]["instruction"]
        marked, = await repo.monitor_rows(svc.rt.pool, office, [dossier])
        assert marked["sync_status"] == "needs_support" and marked["support_alerted_at"] is not None
        assert await _needing_support(svc) == 1  # what BfDossierNeedsSupport reads

        fake.down = False  # back: the retried sync succeeds, the mark goes
        await _becomes(svc, dossier, "ok")
        assert await _needing_support(svc) == 0
        assert (await repo.monitor_rows(svc.rt.pool, office, [dossier]))[0]["support_alerted_at"] is None
        assert len(await _alerts(svc)) == 1

        fake.down = True  # a new incident alerts again
        await svc.publish(SyncRequested(correlation_id="n2", office_id=office, dossier_id=dossier, reason="manual"),
                          "sync.requested")
        await _becomes(svc, dossier, "needs_support")
        await asyncio.sleep(1)
        assert len(await _alerts(svc)) == 2
        fake.down = False


async def test_a_dossier_without_support_people_alerts_the_office_administrators_through_notify():
    """Nobody on the dossier receives support alerts: one request naming nobody, which notify sends to the
    office's administrators (services/notify tests the fan-out), so the alert never goes nowhere."""
    fake, code = FakeAdapter(), new_code()
    seed_fake(fake, code)
    office, dossier = uuid.uuid4(), uuid.uuid4()
    event = activated(office, dossier, code, software="fake")
    event = event.model_copy(update={"dossier": event.dossier.model_copy(update={"assignments": PEOPLE[1:]})})
    async with running(Adapters(fixed={("fake", "local"): fake})) as svc:
        await svc.publish(event, "dossier.changed")
        await svc.ledger(1, dossier_id=dossier)
        fake.down = True
        await svc.publish(SyncRequested(correlation_id="n3", office_id=office, dossier_id=dossier, reason="nightly"),
                          "sync.requested")
        await _becomes(svc, dossier, "needs_support")
        alert, = await _alerts(svc)
        assert alert["recipient"] == {"user_id": None, "email": None, "name": None}
        assert alert["audience"] == "recipient" and alert["dossier_id"] == str(dossier)
        assert alert["params"]["link_path"] == f"/dossiers/{dossier}/sync"
        fake.down = False
