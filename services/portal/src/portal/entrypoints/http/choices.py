"""The choices forms offer, with labels translated where they are shown (``_(label)`` in templates)."""
from __future__ import annotations

from portal.domain.navigation import DOCUMENTS_ARCHIVE, DOCUMENTS_FEEDBACK, FEEDBACK
from portal.i18n import N_

ROLES = (
    ("ADMIN", N_("Administrator: office settings and all dossiers")),
    ("COLLABORATOR", N_("Collaborator: assigned dossiers and client groups")),
    ("SUPPORT", N_("Support: assigned worklists only")),
)
ROLE_NAMES = {"ADMIN": N_("Administrator"), "COLLABORATOR": N_("Collaborator"), "SUPPORT": N_("Support")}

# The six client profiles of DOS-4.
PROFILES = (
    ("ADMINISTRATOR", N_("Administrator: everything, including dossier settings")),
    ("FULL_ACCESS", N_("Full access: everything but settings")),
    ("DOCUMENT_PROCESSING", N_("Document processing: upload and edit only")),
    ("DOCUMENT_PROCESSING_ARCHIVE", N_("Document processing + archive")),
    ("FULL_FEEDBACK", N_("Full feedback: dashboard, reports, archive; no documents")),
    ("DOCUMENT_DELIVERY", N_("Document delivery: upload only (portal or mobile)")),
)
PROFILE_NAMES = {
    "ADMINISTRATOR": N_("Administrator"), "FULL_ACCESS": N_("Full access"),
    "DOCUMENT_PROCESSING": N_("Document processing"), "DOCUMENT_PROCESSING_ARCHIVE": N_("Document processing + archive"),
    "FULL_FEEDBACK": N_("Full feedback"), "DOCUMENT_DELIVERY": N_("Document delivery"),
}

# DOS-1 portal scope.
SCOPES = (
    (DOCUMENTS_ARCHIVE, N_("Documents + archive")),
    (DOCUMENTS_FEEDBACK, N_("Documents + full feedback")),
    (FEEDBACK, N_("Full feedback only")),
)
VALIDATION_MODES = (
    ("collaborator", N_("By a collaborator")),
    ("hybrid", N_("Hybrid: the client corrects, a collaborator validates")),
    ("client", N_("By the client")),
)
DOSSIER_ACTIVATION = (
    ("admins", N_("Administrators only")),
    ("admins_and_collaborators", N_("Administrators and collaborators")),
)
MAILBOXES = (("purchases", N_("Purchases")), ("sales", N_("Sales")), ("misc", N_("Misc")))
PAYMENT_STATES = {"draft": N_("Draft"), "to_approve": N_("To approve"), "to_execute": N_("To execute"),
                  "executed": N_("Executed"), "cancelled": N_("Cancelled")}
PAYMENT_DATES = (("due_date", N_("Due date")), ("invoice_date", N_("Invoice date")), ("today", N_("Today")))
STATUSES = (("", N_("All")), ("draft", N_("Draft")), ("active", N_("Active")))

# The new-dossier checklist (DOS-5): the office's item codes, said in the user's language, and where to fix each.
CHECKLIST = {
    "activated": N_("Activate the dossier on the accounting software."),
    "journals_present": N_("The dossier needs an active purchases journal and an active sales journal."),
    "journals_reviewed": N_("Review the journals created from the office templates (number format, next number)."),
    "rubrics_reviewed": N_("Review the rubric schema and the extra accounts for annotation."),
    "collaborator_assigned": N_("Assign a collaborator to the dossier."),
    "client_user": N_("Invite at least one client user."),
    "vat_number": N_("Enter the dossier's VAT number."),
    "default_counterparty": N_("Choose a default counterparty for unrecognised documents."),
    "updated_up_to": N_("Set \"accounting updated up to\"."),
}
CHECKLIST_FIX = {
    "activated": "/dossiers/{id}/activate", "journals_present": "/dossiers/{id}/lists/journals",
    "journals_reviewed": "/dossiers/{id}/lists/journals", "rubrics_reviewed": "/dossiers/{id}/settings",
    "client_user": "/dossiers/{id}/users", "collaborator_assigned": "/dossiers/{id}/assignments", "vat_number": "/dossiers/{id}/settings",
    "default_counterparty": "/dossiers/{id}/settings", "updated_up_to": "/dossiers/{id}/settings",
}
