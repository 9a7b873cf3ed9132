"""Every router of the portal, in one list the composition root serves (the route modules beside this file)."""
from __future__ import annotations

from fastapi import APIRouter

from portal.entrypoints.http import (annotation, api_keys, archive_pages, assignments, auth, bank_pages,
                                     broadcast_pages, client_pages, client_users, document_pages, documents,
                                     dossier_pages, dossier_settings, group_pages, help_pages, list_editor,
                                     manual_entry, message_edit_pages, message_file_pages, message_pages, monitor,
                                     news_pages, office_pages, password, payment_pages, permanent_pages, report_pages,
                                     report_standard, sepa_pages, static, sync_pages, template_pages,
                                     vat_return_pages, worklist_pages)

# Order matters where paths overlap: /dossiers/new before /dossiers/{dossier_id}.
ROUTERS: tuple[APIRouter, ...] = (
    static.router, auth.router, password.router, office_pages.router, group_pages.router,
    dossier_pages.router, dossier_settings.router, assignments.router, client_users.router, client_pages.router,
    list_editor.router, api_keys.router, monitor.router, document_pages.router, documents.router,
    manual_entry.router, worklist_pages.router, annotation.router,
    message_pages.router, vat_return_pages.router,  # COM-2, on the messages page
    message_edit_pages.router,  # COM-4: edit a message, archive a conversation
    message_file_pages.router,  # COM-1: attachments both ways
    broadcast_pages.router,  # COM-3: one message to many dossiers
    bank_pages.router,  # issue 17: bank statements
    report_pages.router, report_standard.router, archive_pages.router, permanent_pages.router, sync_pages.router,
    help_pages.router, news_pages.router,  # issue 16: help, news, quick-start (PLT-3)
    template_pages.router,  # issue 16: the office's templates (COM-5, COM-6)
    sepa_pages.router, payment_pages.router,  # sepa first: /payments/execute/preview before /payments/{id}/{action}
)

__all__ = ["ROUTERS"]
