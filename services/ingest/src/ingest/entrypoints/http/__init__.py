"""The ingest HTTP API (services/ingest/API.md): uploads, documents, pages."""
from ingest.entrypoints.http.documents import router as documents_router
from ingest.entrypoints.http.monitor import router as monitor_router
from ingest.entrypoints.http.pages import router as pages_router
from ingest.entrypoints.http.uploads import router as uploads_router

ROUTERS = (uploads_router, documents_router, pages_router, monitor_router)

__all__ = ["ROUTERS"]
