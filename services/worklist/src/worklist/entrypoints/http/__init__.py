"""The worklist HTTP API (services/worklist/API.md): lists, annotation, bulk actions, monitor counters."""
from worklist.entrypoints.http.archive import router as archive_router
from worklist.entrypoints.http.bulk import router as bulk_router
from worklist.entrypoints.http.lists import router as lists_router
from worklist.entrypoints.http.monitor import router as monitor_router
from worklist.entrypoints.http.proposals import router as proposals_router
from worklist.entrypoints.http.reprocess import router as reprocess_router
from worklist.entrypoints.http.searchable_pdf import router as searchable_pdf_router
from worklist.entrypoints.http.words import router as words_router

# bulk first: its fixed paths (/proposals/check...) must win over /proposals/{proposal_id}
ROUTERS = (bulk_router, reprocess_router, lists_router, proposals_router, words_router, searchable_pdf_router,
           archive_router, monitor_router)

__all__ = ["ROUTERS"]
