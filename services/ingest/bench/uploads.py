"""`make bench-ingest`: uploads per second of 1-page PDFs through ingest's HTTP API on this machine.

Starts the ingest HTTP app (uvicorn, real Postgres on a throw-away database, the real S3 store) on a free
port, puts one dossier in its replica, and uploads distinct 1-page PDFs with a few concurrent clients.
Not a test: it prints the figure. BENCH_UPLOADS and BENCH_CONCURRENCY change the load.
"""
from __future__ import annotations

import asyncio
import io
import os
import socket
import time
import uuid

import httpx
import pikepdf
import uvicorn
from contracts.events.dossiers import DossierChanged
from runtime.auth.principal import ClientProfile, Principal, PrincipalKind
from runtime.auth.tokens import TokenIssuer, TokenVerifier, generate_signing_key
from runtime.db import create_pool
from runtime.service import http_app
from runtime.storage import ObjectStore
from runtime.testing import temp_database

from ingest.bootstrap import MIGRATIONS, SPEC
from ingest.config import IngestSettings
from ingest.handlers.context import Deps
from ingest.handlers.events import on_dossier_changed


def one_page_pdf(tag: str) -> bytes:
    """A distinct 1-page PDF."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.docinfo["/Title"] = tag
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _seed(pool, office: str, dossier: str) -> None:
    event = DossierChanged.model_validate({"correlation_id": "bench", "office_id": office, "dossier_id": dossier,
                                           "change": "created", "dossier": {"name": "Bench"}})
    async with pool.acquire() as conn, conn.transaction():
        await on_dossier_changed(conn, event)


async def _upload_all(port: int, token: str, dossier: str, files: list[bytes], concurrency: int) -> float:
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for data in files:
        queue.put_nowait(data)
    url = f"http://127.0.0.1:{port}/dossiers/{dossier}/mailboxes/purchases/documents"

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            data = queue.get_nowait()
            response = await client.post(url, files=[("files", ("bench.pdf", data, "application/pdf"))],
                                         headers={"authorization": f"Bearer {token}"})
            if response.status_code != 201:
                raise RuntimeError(f"upload failed: {response.status_code} {response.text[:200]}")

    async with httpx.AsyncClient(timeout=60) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        return time.perf_counter() - started


async def run(uploads: int, concurrency: int) -> None:
    settings = IngestSettings(service="ingest-bench", ingest_smtp_enabled=False)
    async with temp_database(settings, MIGRATIONS) as dsn:
        pool = await create_pool(dsn, max_size=20)
        store = ObjectStore.from_settings(settings)
        await store.ensure_bucket()
        issuer = TokenIssuer(generate_signing_key(), "bench", settings.jwt_issuer)
        office, dossier = str(uuid.uuid4()), str(uuid.uuid4())
        await _seed(pool, office, dossier)
        app = http_app(SPEC, settings, Deps(pool=pool, store=store, settings=settings),
                       token_verifier=TokenVerifier(issuer=settings.jwt_issuer, jwks=issuer.jwks()))
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False,
                                               lifespan="off"))
        serving = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.05)
        token = issuer.issue(Principal("bench", PrincipalKind.CLIENT, office,
                                       profiles={dossier: ClientProfile.DOCUMENT_DELIVERY}))
        files = [one_page_pdf(uuid.uuid4().hex) for _ in range(uploads + 20)]
        await _upload_all(port, token, dossier, files[:20], concurrency)  # warm-up
        elapsed = await _upload_all(port, token, dossier, files[20:], concurrency)
        server.should_exit = True
        await serving
        await pool.close()
    print(f"ingest: {uploads} uploads of 1-page PDFs, {concurrency} concurrent clients, {elapsed:.2f} s: "
          f"{uploads / elapsed:.1f} uploads/s (HTTP API, Postgres, S3, one process)")


def main() -> None:
    asyncio.run(run(int(os.environ.get("BENCH_UPLOADS", "300")), int(os.environ.get("BENCH_CONCURRENCY", "8"))))


if __name__ == "__main__":
    main()
