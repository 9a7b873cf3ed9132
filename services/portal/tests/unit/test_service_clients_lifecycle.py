"""Issue 19 item 1: the portal's HTTP clients (the office's and each other service's) are built once with its deps
(bootstrap.build_deps), not on a first request, and closed when the portal stops (ServiceSpec.close, run by
runtime.service.stop)."""
from runtime.config import Settings
from runtime.service import Runtime, stop

from portal.adapters.service_clients import TIMEOUTS_S
from portal.bootstrap import SPEC, build_deps
from portal.config import PortalSettings


class _Closed:
    """The producer and pool of a runtime that never started."""

    async def stop(self) -> None:
        pass

    async def close(self) -> None:
        pass


async def started() -> Runtime:
    rt = Runtime(settings=PortalSettings(service="portal"), pool=_Closed(), producer=_Closed(),  # type: ignore[arg-type]
                 close_deps=SPEC.close)
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


async def test_every_client_is_closed_when_the_portal_stops():
    rt = await started()
    clients = [rt.deps.office.http, *rt.deps.services.values()]
    assert not any(client.is_closed for client in clients)
    await stop(rt)
    assert all(client.is_closed for client in clients)
