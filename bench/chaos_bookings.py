"""The bookings of `make chaos`: Peppol invoices of a supplier the demo dossier knows, sent to Tryton while the stack's
parts are killed, each of which must end up booked exactly once (issue 18: "every sent proposal its booking").

`Bookings.offer` uploads one invoice into the demo dossier DUPONT (Tryton's `dupont` books) as its collaborator,
through the uploader's retries; `tend` looks at the dossier's purchases list every few seconds, marks each new proposal
of ours reviewed (a known supplier's e-invoice needs no correction) and sends it to the accounting software — again
through outages; `verdict` waits until every sent proposal is booked or refused, then counts each invoice in Tryton.
A step refused with a 5xx, a 503 or no answer at all is tried again: the operator's stack comes back.
"""
from __future__ import annotations

import asyncio
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from e2e_documents import peppol_ubl  # noqa: E402  (the end-to-end test's invoices, as they are)
from pipeline import Office, Offered, service_url, upload  # noqa: E402

DOSSIER, TRYTON_CODE = "DUPONT", "dupont"  # the demo dossier booked in Tryton (`make demo`)
COLLABORATOR = ("collaborator@demo.bookingfactory.example", "demo-collab-2025")
KNOWN_SUPPLIER = ("Energie Plus SA", "BE0690819350")  # in the demo books (tests/e2e/test_booking_flow.py)
DONE = {"booked", "rejected"}


@dataclass
class Bookings:
    http: httpx.AsyncClient
    run: str = field(default_factory=lambda: uuid.uuid4().hex[:6].upper())
    user: Office | None = None
    dossier: str = ""
    documents: dict[str, str] = field(default_factory=dict)  # document id -> invoice number
    never_accepted: int = 0
    sent: dict[str, str] = field(default_factory=dict)  # proposal id -> invoice number

    @property
    def prefix(self) -> str:
        return f"E2E-CHAOS{self.run}"

    async def start(self) -> None:
        self.user = Office(self.http, COLLABORATOR)
        await self.user.login()
        me = await self.http.get(f"{service_url('office')}/me", headers=self.user.auth)
        found = [d["id"] for d in me.json()["dossiers"] if d.get("code") == DOSSIER]
        if not found:
            raise SystemExit(f"the demo dossier {DOSSIER} is not visible to {COLLABORATOR[0]}: run `make demo`")
        self.dossier = found[0]

    async def offer(self, n: int) -> None:
        sent = peppol_ubl(f"CHAOS{self.run}-{n:04d}", *KNOWN_SUPPLIER)
        item = Offered(self.dossier, "chaos-booking", time.time())
        await upload(self.http, self.user, item, (sent.filename, sent.content, "application/xml"), tries=120)
        if item.document_id:
            self.documents[item.document_id] = sent.invoice_number
        else:
            self.never_accepted += 1

    async def _call(self, method: str, service: str, path: str, **kw) -> httpx.Response | None:
        """One call; None when the service (or what it needs) is away for now: the caller tries again later."""
        try:
            answer = await self.http.request(method, f"{service_url(service)}{path}", headers=self.user.auth, **kw)
        except httpx.HTTPError:
            return None
        if answer.status_code == 401:
            try:
                await self.user.login()
            except (httpx.HTTPError, SystemExit):
                pass
            return None
        return None if answer.status_code >= 500 else answer

    async def _ours(self) -> list[dict] | None:
        listed = await self._call("GET", "worklist", f"/dossiers/{self.dossier}/worklists/purchases",
                                  params={"status": "all", "per_page": 200, "q": self.prefix})
        if listed is None or listed.status_code != 200:
            return None
        return [row for row in listed.json()["items"] if row["document_id"] in self.documents]

    async def _review_and_send(self, row: dict) -> None:
        base = f"/dossiers/{self.dossier}/proposals"
        shown = await self._call("GET", "worklist", f"{base}/{row['id']}")
        if shown is None or shown.status_code != 200:
            return
        proposal = shown.json()
        if proposal["status"] not in ("checked", "validated", "booked", "sending"):
            await self._call("PATCH", "worklist", f"{base}/{row['id']}",
                             json={"version": proposal["version"], "review": True})
        answer = await self._call("POST", "worklist", f"{base}/send", json={"proposal_ids": [row["id"]]})
        if answer is not None and answer.status_code == 200 and row["id"] in answer.json().get("done", []):
            self.sent[row["id"]] = self.documents[row["document_id"]]

    async def tend(self, stop: asyncio.Event, every_s: float = 5.0) -> None:
        """Until `stop` and nothing of ours is left unsent: review and send each new proposal of ours."""
        while True:
            rows = await self._ours() or []
            for row in rows:
                if row["id"] not in self.sent and row["status"] not in DONE:
                    await self._review_and_send(row)
            if stop.is_set() and len(self.sent) >= len(self.documents):
                return
            await asyncio.sleep(every_s)

    async def verdict(self, drain_s: float) -> tuple[list[str], int]:
        """Report lines and the number of sent invoices not booked exactly once."""
        deadline, states = time.monotonic() + drain_s, {}
        while time.monotonic() < deadline:
            rows = await self._ours()
            if rows is not None:
                states = {r["id"]: r["status"] for r in rows if r["id"] in self.sent}
                if len(states) == len(self.sent) and set(states.values()) <= DONE:
                    break
            await asyncio.sleep(5)
        sys.path.insert(0, str(ROOT / "tests" / "e2e"))
        from e2e_stack import Tryton
        tryton, in_books = Tryton(), {}
        try:
            for number in self.sent.values():
                in_books[number] = len(await tryton.invoices(TRYTON_CODE, number))
        finally:
            await tryton.close()
        booked = sum(1 for s in states.values() if s == "booked")
        rejected = sum(1 for s in states.values() if s == "rejected")
        wrong = {n: c for n, c in in_books.items() if c != 1}
        lines = [f"bookings: offered {len(self.documents) + self.never_accepted}, accepted {len(self.documents)}, "
                 f"sent {len(self.sent)}, booked {booked}, refused {rejected}, not through "
                 f"{len(self.sent) - booked - rejected}; invoices in Tryton not exactly once: {len(wrong)}"]
        lines += [f"  in Tryton {count} times: {number}" for number, count in list(wrong.items())[:10]]
        unsent = len(self.documents) - len(self.sent)
        if unsent:
            lines.append(f"  accepted but never sent (no proposal): {unsent}")
        return lines, len(wrong) + (len(self.sent) - booked) + unsent
