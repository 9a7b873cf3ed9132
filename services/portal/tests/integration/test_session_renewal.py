"""Two portal replicas renewing one stale session at once, on the real Postgres session store and the real office
(in process on a copy of its demo-seeded database): the office sees one refresh and the session lives on.

Without serialised renewal the second refresh is a reuse and the office revokes the user's whole token family,
logging them out in every tab (services/office handlers/identity.py ``refresh``).
"""
import asyncio
from dataclasses import replace
from datetime import timedelta

import httpx
import pytest
from runtime.db import create_pool
from runtime.testing import temp_database

from portal.adapters.office import OfficeClient, UserOffice
from portal.adapters.session_store import PostgresSessionStore
from portal.bootstrap import MIGRATIONS
from portal.config import PortalSettings
from portal.domain.sessions import Session, new_session_id, utcnow

from portal_testkit.office_contract import office_template, real_office  # noqa: F401

pytestmark = pytest.mark.integration


async def test_two_replicas_renewing_one_session_at_once_refresh_it_once(office_template):  # noqa: F811
    refreshes: list[str] = []

    async def count(request: httpx.Request) -> None:
        if request.url.path == "/auth/refresh":
            refreshes.append(request.url.path)

    async with real_office(office_template) as office, temp_database(PortalSettings(service="portal"), MIGRATIONS) as dsn:
        transport = httpx.ASGITransport(app=office.app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://office.test",
                                     event_hooks={"request": [count]}) as http:
            client = OfficeClient(http)
            pools = [await create_pool(dsn) for _ in range(2)]  # one per replica
            try:
                stores = [PostgresSessionStore(pool) for pool in pools]
                sid, tokens = new_session_id(), await client.login(*office.logins["COLLABORATOR"])
                await stores[0].add(Session.open(sid, replace(tokens, access_expires=utcnow()), {}, "en",
                                                 timedelta(hours=1)))
                apis = [UserOffice(client, await store.get(sid), store.renew) for store in stores]
                answers = await asyncio.gather(*(api.get("/me") for api in apis))
                assert [a["user"]["role"] for a in answers] == ["COLLABORATOR", "COLLABORATOR"]
                assert len(refreshes) == 1
                assert apis[0].session.tokens == apis[1].session.tokens != tokens

                later = await stores[1].get(sid)  # the next request, on either replica: the stored tokens work
                assert later.tokens == apis[0].session.tokens
                stale_again = later.with_tokens(replace(later.tokens, access_expires=utcnow()))
                assert (await UserOffice(client, stale_again, stores[0].renew).get("/me"))["user"]["role"]
                assert len(refreshes) == 2  # the renewed refresh token was still live: the family not revoked
            finally:
                for pool in pools:
                    await pool.close()
