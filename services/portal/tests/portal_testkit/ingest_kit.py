"""Helpers of the document browser tests: PDFs and photos made on the spot, the ingest API as a user sees it,
ingest's outbox, and waiting until ingest knows the demo dossiers (its replica fills from dossier.changed)."""
from __future__ import annotations

import asyncio
import io
import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import asyncpg
import httpx
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from runtime.config import Settings

from portal_testkit.live import Platform

COLOURS = [(220, 235, 255), (255, 236, 210), (222, 245, 222), (245, 222, 245), (255, 250, 205)]


def pdf(title: str, pages: int) -> bytes:
    """A PDF whose pages say what they are ("<title> · page n/N" in large type), unique by its title."""
    out = io.BytesIO()
    sheet = canvas.Canvas(out, pagesize=A4)
    sheet.setTitle(f"{title} {uuid.uuid4().hex}")
    width, height = A4
    for n in range(1, pages + 1):
        sheet.setFillColorRGB(*(c / 255 for c in COLOURS[(n - 1) % len(COLOURS)]))
        sheet.rect(0, 0, width, height, stroke=0, fill=1)
        sheet.setFillColorRGB(0.1, 0.1, 0.1)
        sheet.setFont("Helvetica-Bold", 40)
        sheet.drawCentredString(width / 2, height / 2 + 30, title)
        sheet.setFont("Helvetica", 64)
        sheet.drawCentredString(width / 2, height / 2 - 60, f"{n} / {pages}")
        sheet.showPage()
    sheet.save()
    return out.getvalue()


def photo(text: str, colour: tuple[int, int, int]) -> bytes:
    """A JPEG 'photo' of a receipt (portrait, a few lines of text), different for every text."""
    image = Image.new("RGB", (600, 900), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((60, 60, 540, 840), fill=(250, 250, 250))
    for i, line in enumerate((text, "Bon / Ticket", f"Total 12,{len(text):02d} EUR", uuid.uuid4().hex[:12])):
        draw.text((100, 120 + 60 * i), line, fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def ingest_api(platform: Platform, email: str, password: str) -> httpx.Client:
    """An httpx client on the ingest API with that user's office token (to check what the portal did)."""
    token = httpx.post(f"{platform.office.url}/auth/login", json={"email": email, "password": password},
                       timeout=10).json()["access_token"]
    assert platform.ingest is not None, "the platform runs without ingest"
    return httpx.Client(base_url=platform.ingest.url, headers={"Authorization": f"Bearer {token}"}, timeout=30)


def wait_until_known(api: httpx.Client, dossier_id: str, timeout: float = 60.0) -> None:
    """Wait until ingest's replica has the dossier (403 until dossier.changed arrived)."""
    deadline = time.monotonic() + timeout
    while True:
        status = api.get(f"/dossiers/{dossier_id}/labels").status_code
        if status == 200:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"ingest does not know dossier {dossier_id} after {timeout}s (last {status})")
        time.sleep(0.3)


def upload_pdf(api: httpx.Client, dossier_id: str, tag: str) -> str:
    """A one-page PDF in the dossier's purchases mailbox, once ingest knows the dossier; returns its document id."""
    wait_until_known(api, dossier_id)
    uploaded = api.post(f"/dossiers/{dossier_id}/mailboxes/purchases/documents",
                        files=[("files", (f"inv-{tag}.pdf", pdf(f"INV {tag}", 1), "application/pdf"))])
    assert uploaded.status_code == 201, uploaded.text
    return uploaded.json()["documents"][0]["id"]


def listed(api: httpx.Client, dossier_id: str, box: str, q: str) -> list[dict]:
    """Documents of a mailbox (or "processing") whose name contains ``q``, as ingest lists them."""
    path = f"/dossiers/{dossier_id}/processing" if box == "processing" else \
        f"/dossiers/{dossier_id}/mailboxes/{box}/documents"
    answer = api.get(path, params={"q": q, "per_page": 100})
    answer.raise_for_status()
    return answer.json()["items"]


def outbox(platform: Platform, topic: str) -> list[dict]:
    """The events ingest enqueued on ``topic`` (its outbox), oldest first; ``_published`` once relayed to Kafka."""
    async def read() -> list[dict]:
        conn = await asyncpg.connect(Settings(service="portal-e2e").dsn(platform.ingest_db))
        try:
            rows = await conn.fetch("SELECT payload, published_at FROM outbox WHERE topic = $1 ORDER BY id", topic)
        finally:
            await conn.close()
        return [{**json.loads(r["payload"]), "_published": r["published_at"] is not None} for r in rows]
    with ThreadPoolExecutor(1) as thread:  # Playwright's sync API already runs a loop in this thread
        return thread.submit(asyncio.run, read()).result()
