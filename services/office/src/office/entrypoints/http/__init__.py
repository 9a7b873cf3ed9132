"""The office HTTP API (services/office/API.md): routers for identity, office, dossiers and news (PLT-3)."""
from office.entrypoints.http.dossiers import router as dossiers_router
from office.entrypoints.http.identity import router as identity_router
from office.entrypoints.http.news import router as news_router
from office.entrypoints.http.office import router as office_router

ROUTERS = (identity_router, office_router, dossiers_router, news_router)

__all__ = ["ROUTERS"]
