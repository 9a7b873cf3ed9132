"""The office HTTP API (services/office/API.md): routers for identity, office and dossiers."""
from office.entrypoints.http.dossiers import router as dossiers_router
from office.entrypoints.http.identity import router as identity_router
from office.entrypoints.http.office import router as office_router

ROUTERS = (identity_router, office_router, dossiers_router)

__all__ = ["ROUTERS"]
