"""Issue 19 item 1: the portal's HTTP clients (the office's and each other service's) are built once with its deps
(bootstrap.build_deps), not on a first request, and closed when the portal stops (bootstrap.on_start)."""
import asyncio
import contextlib

import pytest
from fastapi import FastAPI
from runtime.config import Settings
from runtime.service import Runtime

from portal.adapters.service_clients import TIMEOUTS_S
from portal.bootstrap import build_deps, on_start
from portal.config import PortalSettings


async def started() -> Runtime:
    rt = Runtime(settings=PortalSettings(service="portal"), pool=None, producer=None)  # type: ignore[arg-type]
    rt.deps = await build_deps(rt)
    return rt


async def test_the_deps_hold_one_client_per_service_at_its_address_with_its_timeouts():
    portal = (await started()).deps
    assert set(portal.services) == set(TIMEOUTS_S) >= {"ingest", "worklist", "sync-connector", "enrichment"}
    for service, client in portal.services.items():
        assert str(client.base_url).rstrip("/") == Settings.service_url(service).rstrip("/")
        assert (client.timeout.read, client.timeout.connect) == (TIMEOUTS_S[service], 2.0)
    assert portal.services["ingest"].timeout.read == 120.0  # uploads
    await portal.aclose()


@pytest.mark.parametrize("ending", ["stop", "cancel"])
async def test_every_client_is_closed_when_the_portal_stops(ending):
    """runtime.service.stop sets rt.stop, then cancels the tasks, maybe before this one ran: closed either way."""
    rt = await started()
    await on_start(rt, FastAPI())
    clients = [rt.deps.office.http, *rt.deps.services.values()]
    await asyncio.sleep(0)
    assert not any(client.is_closed for client in clients)
    rt.stop.set()
    if ending == "cancel":
        for task in rt.tasks:
            task.cancel()
    for task in rt.tasks:
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert all(client.is_closed for client in clients)
