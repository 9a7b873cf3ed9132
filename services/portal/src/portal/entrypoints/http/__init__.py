"""Every router of the portal, in one list the composition root serves."""
from __future__ import annotations

from fastapi import APIRouter

from portal.entrypoints import (annotation, api_keys, archive_pages, assignments, auth, client_pages, client_users,
                                document_pages, documents,
                                dossier_pages, dossier_settings, message_pages, payment_pages, sepa_pages,
                                group_pages, list_editor, manual_entry, monitor, office_pages, password,
                                permanent_pages,
                                report_pages, report_standard, static, sync_pages, worklist_pages)
from portal.entrypoints import bank_pages  # issue 17: bank statements
from portal.entrypoints import help_pages, news_pages  # issue 16: help, news, quick-start (PLT-3)
from portal.entrypoints import template_pages  # issue 16: the office's templates (COM-5, COM-6)

# Order matters where paths overlap: /dossiers/new before /dossiers/{dossier_id}.
ROUTERS: tuple[APIRouter, ...] = (
    static.router, auth.router, password.router, office_pages.router, group_pages.router,
    dossier_pages.router, dossier_settings.router, assignments.router, client_users.router, client_pages.router,
    list_editor.router, api_keys.router, monitor.router, document_pages.router, documents.router,
    manual_entry.router, worklist_pages.router, annotation.router, message_pages.router,
    bank_pages.router, report_pages.router, report_standard.router, archive_pages.router, permanent_pages.router,
    sync_pages.router,
    help_pages.router, news_pages.router, template_pages.router,
    sepa_pages.router, payment_pages.router,  # sepa first: /payments/execute/preview before /payments/{id}/{action}
)
