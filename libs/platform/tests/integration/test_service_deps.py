"""One service skeleton (issue 19 item 1): the runtime builds a service's dependencies once at start, before its
consumers run, hands them to every handler as `(conn, event, deps)` and to the routes as app.state.deps."""
import uuid
from dataclasses import dataclass, field

import httpx
import pytest
from contracts.events import SyncRequested
from fastapi import APIRouter, Depends

from runtime import service
from runtime.auth.tokens import TokenVerifier
from runtime.config import Settings
from runtime.db import drop_database
from runtime.http import deps
from runtime.testing import on_test_topics, publish_events, temp_topics, wait_for



def sync_request() -> SyncRequested:
    return SyncRequested(correlation_id="deps-test", office_id=uuid.uuid4(), dossier_id=uuid.uuid4(), reason="manual")

pytestmark = pytest.mark.integration


@dataclass
class Deps:
    label: str
    seen: list = field(default_factory=list)


built: list[Deps] = []


async def build_deps(rt: service.Runtime) -> Deps:
    assert rt.broker is None and rt.dispatcher is None, "deps are built before any consumer starts"
    built.append(Deps(label=f"deps of {rt.settings.service}"))
    return built[-1]


async def on_sync_requested(conn, event, d: Deps) -> None:
    d.seen.append(event.event_id)


router = APIRouter()


@router.get("/label")
async def label(d: Deps = Depends(deps)) -> dict:
    return {"label": d.label, "seen": len(d.seen)}


SPEC = service.ServiceSpec(name="deps-test", handlers={"sync.requested": on_sync_requested}, routers=(router,),
                           deps=build_deps)


async def test_deps_are_built_once_and_reach_handlers_and_routes():
    base = Settings()
    async with temp_topics(base, "sync.requested") as (topic,):
        settings = Settings(service="deps-test", pg_database=f"test_deps_{uuid.uuid4().hex[:8]}")
        built.clear()
        rt = await service.start(on_test_topics(SPEC, {topic: "sync.requested"}, name="deps-test-it"), settings)
        try:
            first, second = sync_request(), sync_request()
            await publish_events(settings, topic, first, second)
            await wait_for(lambda: _async(len(rt.deps.seen) == 2))
            assert built == [rt.deps] and sorted(rt.deps.seen) == sorted([first.event_id, second.event_id])
            app = service.http_app(SPEC, settings, rt.deps, token_verifier=TokenVerifier.from_settings(settings))
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
                answer = (await client.get("/label")).json()
            assert answer == {"label": "deps of deps-test", "seen": 2}
            assert len(built) == 1
        finally:
            await service.stop(rt)
            await drop_database(settings.dsn("postgres"), settings.database)


async def _async(value):
    return value
