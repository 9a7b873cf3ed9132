"""The running platform as a user and an operator meet it: HTTP APIs with a demo login, Tryton over
JSON-RPC, and the sync-connector process of the local stack (to kill and restart it)."""
from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import time
from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import httpx
from runtime.config import Settings

from sync_connector.adapters.tryton.adapter import TrytonAdapter
from sync_connector.config import SyncSettings

ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")


class Failed(AssertionError):
    """The platform did not do what a user would expect, with what was seen."""


async def eventually(probe: Callable[[], Awaitable[T | None]], timeout: float, what: str, every: float = 1.0) -> T:
    """The first truthy answer of `probe` within `timeout` seconds."""
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        last = await probe()
        if last:
            return last
        await asyncio.sleep(every)
    raise Failed(f"after {timeout:.0f} s: {what} (last seen: {last!r})")


class Platform:
    """The services' HTTP APIs with one demo user's token."""

    def __init__(self) -> None:
        settings = Settings(service="e2e")
        self.url = {name: settings.service_url(name) for name in ("office", "ingest", "worklist", "portal", "sync-connector")}
        self.http = httpx.AsyncClient(timeout=60)
        self.token: str | None = None

    async def close(self) -> None:
        await self.http.aclose()

    async def login(self, email: str, password: str) -> None:
        answer = await self.http.post(f"{self.url['office']}/auth/login", json={"email": email, "password": password})
        answer.raise_for_status()
        self.token = answer.json()["access_token"]

    async def call(self, method: str, service: str, path: str, expect: int | tuple[int, ...] = 200, **kw) -> Any:
        answer = await self.http.request(method, f"{self.url[service]}{path}",
                                         headers={"Authorization": f"Bearer {self.token}"}, **kw)
        if answer.status_code not in ((expect,) if isinstance(expect, int) else expect):
            raise Failed(f"{method} {service}{path}: {answer.status_code} {answer.text[:500]}")
        return answer.json() if answer.content else None

    async def dossier(self, code: str) -> str:
        me = await self.call("GET", "office", "/me")
        found = [d["id"] for d in me["dossiers"] if d.get("code") == code]
        if not found:
            raise Failed(f"the demo dossier {code} is not visible to this user: run `make demo`")
        return found[0]

    async def upload(self, dossier: str, mailbox: str, files: list[tuple[str, bytes]]) -> list[dict]:
        body = await self.call("POST", "ingest", f"/dossiers/{dossier}/mailboxes/{mailbox}/documents", expect=201,
                               files=[("files", (name, content)) for name, content in files])
        if body["rejected"] or body["duplicates"]:
            raise Failed(f"upload refused: {body['rejected']} {body['duplicates']}")
        return body["documents"]

    async def proposal_of(self, dossier: str, document_id: str, timeout: float) -> dict:
        """The worklist proposal made for a document, once recognition and enrichment are through."""
        async def probe():
            rows = await self.call("GET", "worklist", f"/dossiers/{dossier}/worklists/purchases",
                                   params={"status": "all", "per_page": 200})
            found = [r for r in rows["items"] if r["document_id"] == document_id]
            return found[0] if found else None
        row = await eventually(probe, timeout, f"a proposal for document {document_id}")
        return await self.call("GET", "worklist", f"/dossiers/{dossier}/proposals/{row['id']}")

    async def status_of(self, dossier: str, proposal_id: str) -> dict:
        return await self.call("GET", "worklist", f"/dossiers/{dossier}/proposals/{proposal_id}")


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
ROW = re.compile(r'<tr data-proposal="[^"]+" data-status="([a-z_]+)">(.*?)</tr>', re.S)


async def portal_worklist_statuses(email: str, password: str, dossier: str, q: str) -> dict[str, str]:
    """Log in to the portal through its form, as a browser would, and read the purchases worklist rows matching
    `q`: the status each row shows, by the row's text."""
    base = Settings(service="e2e").service_url("portal")
    async with httpx.AsyncClient(base_url=base, timeout=60, follow_redirects=True) as browser:
        page = await browser.get("/login?office=demo")
        csrf = CSRF.search(page.text)
        if csrf is None:
            raise Failed(f"no login form at {base}/login ({page.status_code})")
        answer = await browser.post("/login", data={"email": email, "password": password, "office": "demo",
                                                    "csrf_token": csrf.group(1)})
        if "/login" in str(answer.url):
            raise Failed(f"portal login refused for {email}")
        listing = await browser.get(f"/dossiers/{dossier}/worklist", params={"list": "purchases", "status": "all",
                                                                             "q": q})
        if listing.status_code != 200:
            raise Failed(f"portal worklist: {listing.status_code}")
        return {re.sub(r"<[^>]+>|\s+", " ", row).strip(): status for status, row in ROW.findall(listing.text)}


class Tryton:
    """The demo dossier's books, read straight from Tryton."""

    def __init__(self) -> None:
        s = SyncSettings(service="e2e")
        self.adapter = TrytonAdapter(s.installations()["local"], user=s.tryton_user, password=s.tryton_password,
                                     db_prefix=s.tryton_db_prefix)

    async def close(self) -> None:
        await self.adapter.close()

    async def invoices(self, code: str, reference: str) -> list[dict]:
        """Supplier invoices with this reference (the supplier's number), with party VAT and amounts."""
        rpc = await self.adapter.rpc(code)
        found = await rpc.search_read("account.invoice", [("reference", "=", reference)],
                                      ["id", "state", "type", "number", "untaxed_amount", "tax_amount",
                                       "total_amount", "party", "invoice_date", "description"])
        for invoice in found:
            party = (await rpc.search_read("party.party", [("id", "=", invoice["party"])], ["name", "tax_identifier"]))[0]
            ident = await rpc.search_read("party.identifier", [("id", "=", party["tax_identifier"])], ["code"]) \
                if party["tax_identifier"] else []
            invoice["party_vat"] = ident[0]["code"] if ident else None
        return found

    async def grids(self, code: str, period: str) -> dict[str, Decimal]:
        """The VAT return grids of a period as Tryton computes them."""
        rpc = await self.adapter.rpc(code)
        period_id = (await rpc.search_read("account.period", [("name", "=", period)], ["id"]))[0]["id"]
        rows = await rpc.search_read("account.tax.code", [], ["code", "amount"], context={"periods": [period_id]})
        return {r["code"]: r["amount"] for r in rows if r["code"]}


def kill_connector() -> int:
    """kill -9 the stack's sync-connector (as a crash would); returns its pid."""
    pid = int((ROOT / ".stack/run/sync-connector.pid").read_text().strip())
    os.kill(pid, signal.SIGKILL)
    return pid


def start_connector() -> None:
    """Start it again the way `make up` does (waits until healthy)."""
    subprocess.run(["bash", str(ROOT / "deploy/local/services.sh"), "start", "sync-connector"], check=True,
                   capture_output=True, timeout=120)
