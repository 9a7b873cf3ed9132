"""The permission matrix: which collaborator role, client profile or API key may do which action.

One table for the whole platform (DESIGN "Tenancy and security"). Each row is an action of
FEATURES.md; each cell says who may do it, and on which dossier conditions (portal scope,
validation mode, payment module...). ``runtime.auth.policy`` enforces it; ``python -m
runtime.auth.matrix`` renders it to docs/permissions.md (``runtime.auth.matrix.doc``) (``--check`` fails when that is stale).

Who reaches which dossier is not in the cells but in the reach rules of the policy: ADMIN every
dossier of the office, COLLABORATOR assigned dossiers and those of their client groups, SUPPORT
assigned dossiers only, a client user the dossiers where they hold a profile, an API key its one
dossier and mailbox. Nobody ever reaches another office.

A collaborator assigned to a dossier "worklists only" (OFF-2, the assignment's flag) may do there
only the actions whose row says ``worklists_only``: see the dossier, work its worklists and
proposals, and talk with the client about them (WL-6 asks questions through conversations).
The flag wins over any other reach (a client group) on that dossier; an ADMIN carries no flag (the
office leaves it out: ADMINs reach every dossier by role).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from runtime.auth.principal import ClientProfile, Role


class Scope(StrEnum):
    """Whether an action is about one dossier or about the office as a whole."""

    DOSSIER = "dossier"
    OFFICE = "office"


class Condition(StrEnum):
    """A fact about the dossier a cell depends on; unknown facts refuse (deny by default)."""

    DOCUMENTS_IN_SCOPE = "documents_in_scope"
    FEEDBACK_IN_SCOPE = "feedback_in_scope"
    CLIENT_VALIDATES = "client_validates"
    CLIENT_SENDS = "client_sends"
    PAYMENT_MODULE = "payment_module"
    FINANCIAL_VISIBLE = "financial_visible"


CONDITION_TEXT: Mapping[Condition, str] = {
    Condition.DOCUMENTS_IN_SCOPE: "the dossier's portal scope includes documents (DOS-1: not 'full feedback only')",
    Condition.FEEDBACK_IN_SCOPE: "the dossier's portal scope includes feedback (DOS-1: not 'documents + archive')",
    Condition.CLIENT_VALIDATES: "the dossier's validation mode is hybrid or client (WL-11)",
    Condition.CLIENT_SENDS: "the dossier's validation mode is client (WL-11: in hybrid only the office sends)",
    Condition.PAYMENT_MODULE: "the payment module is on for the office and the dossier (PAY-10)",
    Condition.FINANCIAL_VISIBLE: "the financial tab is on and financial data are not hidden (DOS-2, REP-5)",
}


class ApiKeyGrantee(StrEnum):
    """The column of integrations' API keys (ING-4)."""

    API_KEY = "API_KEY"


API_KEY = ApiKeyGrantee.API_KEY
Grantee = Role | ClientProfile | ApiKeyGrantee
GRANTEES: tuple[Grantee, ...] = (*Role, *ClientProfile, API_KEY)


@dataclass(frozen=True)
class Action:
    """One row of the matrix: an action, the features it serves, and who may do it on what condition."""

    name: str
    scope: Scope
    features: tuple[str, ...]
    description: str
    grants: Mapping[Grantee, frozenset[Condition]] = field(default_factory=dict)
    worklists_only: bool = False  # also allowed on a dossier a collaborator is assigned to "worklists only"

    def conditions_for(self, grantee: Grantee) -> frozenset[Condition] | None:
        """The conditions under which the grantee may do the action; None when never."""
        return self.grants.get(grantee)


_ROLES = {"A": Role.ADMIN, "C": Role.COLLABORATOR, "S": Role.SUPPORT}
_PROFILES = {
    "ADM": ClientProfile.ADMINISTRATOR, "FA": ClientProfile.FULL_ACCESS, "DP": ClientProfile.DOCUMENT_PROCESSING,
    "DPA": ClientProfile.DOCUMENT_PROCESSING_ARCHIVE, "FF": ClientProfile.FULL_FEEDBACK,
    "DD": ClientProfile.DOCUMENT_DELIVERY,
}
D, O = Scope.DOSSIER, Scope.OFFICE
C = Condition
DOCS, FEEDBACK, PAY = (C.DOCUMENTS_IN_SCOPE,), (C.FEEDBACK_IN_SCOPE,), (C.PAYMENT_MODULE,)


def _row(name: str, scope: Scope, features: str, description: str, roles: str = "", clients: str = "", *,
         api_key: bool = False, when: tuple[Condition, ...] = (), client_when: tuple[Condition, ...] = (),
         worklists: bool = False) -> Action:
    """A matrix row from short codes: roles 'A C S', profiles 'ADM FA DP DPA FF DD'; ``worklists``: also on a
    "worklists only" assignment."""
    grants: dict[Grantee, frozenset[Condition]] = {}
    for code in roles.split():
        grants[_ROLES[code]] = frozenset(when)
    for code in clients.split():
        grants[_PROFILES[code]] = frozenset(when + client_when)
    if api_key:
        grants[API_KEY] = frozenset(when)
    return Action(name, scope, tuple(features.split()), description, grants, worklists)


_DOC_USERS = "ADM FA DP DPA"
_ALL_CLIENTS = "ADM FA DP DPA FF DD"

ACTIONS: tuple[Action, ...] = (
    # own account and office (service office)
    _row("self.view", O, "PLT-1 OFF-2 DOS-4", "see one's own account, office and visible dossiers", "A C S", _ALL_CLIENTS),
    _row("self.edit", O, "PLT-1 COM-6", "change one's own language, name and password", "A C S", _ALL_CLIENTS),
    _row("office.settings.view", O, "OFF-1 OFF-3", "read the office settings", "A C S"),
    _row("office.settings.edit", O, "OFF-1 OFF-3", "change the office settings, templates and schema", "A"),
    _row("collaborator.view", O, "OFF-2", "list the office's collaborators", "A C"),
    _row("collaborator.manage", O, "OFF-2", "create, change and disable collaborators", "A"),
    _row("group.view", O, "OFF-3 DOS-5", "list collaborator groups and client groups", "A C"),
    _row("group.manage", O, "OFF-3 DOS-5", "create, change and delete collaborator and client groups", "A"),
    _row("dossier.create", O, "DOS-1", "create a dossier (activation step 1)", "A C"),
    _row("monitor.view", O, "ACT-1 ACT-2", "active-clients monitor and sync monitoring of reachable dossiers", "A C S"),
    _row("template.manage", O, "COM-5", "edit message templates of the office", "A"),
    _row("conversation.broadcast", O, "COM-3", "start a conversation with many dossiers at once", "A C"),
    _row("support.alerts.receive", O, "ACT-3", "receive the alert (mail and monitor) when a dossier's sync needs support",
         "A S"),
    _row("help.view", O, "PLT-3", "read the news, the help of each screen and the client quick-start", "A C S",
         _ALL_CLIENTS),
    _row("news.manage", O, "PLT-3", "publish and withdraw the office's news items", "A"),
    # one dossier: configuration (service office)
    _row("dossier.view", D, "DOS-1 DOS-5", "see the dossier, its effective settings and mailbox addresses", "A C S",
         _ALL_CLIENTS, worklists=True),
    _row("dossier.configure", D, "DOS-1 DOS-2 DOS-3 DOS-5 SYN-3",
         "change the dossier's office-only settings (scope, validation mode, journals, VAT, schema...)", "A C"),
    _row("dossier.settings.edit", D, "DOS-2 ING-10 PAY-10 REP-6",
         "change the client-editable settings (auto-transmission, payment date, dashboard accounts)", "A C", "ADM"),
    _row("dossier.activate", D, "DOS-1 SYN-7", "activate the dossier on the accounting software (step 2)", "A C"),
    _row("dossier.assign", D, "OFF-2", "assign collaborators to the dossier", "A"),
    _row("dossier.checklist.view", D, "DOS-5", "see the new-dossier checklist and its red flags", "A C"),
    _row("dossier.users.view", D, "DOS-4", "list the dossier's client users", "A C", "ADM"),
    _row("dossier.users.manage", D, "DOS-4", "create client users, change their profile, disable them", "A C", "ADM"),
    _row("apikey.manage", D, "ING-4", "create, list and revoke the dossier's API keys", "A C", "ADM"),
    # documents (service ingest)
    _row("document.upload", D, "ING-1 ING-2 ING-4", "upload documents into a mailbox (API keys: their mailbox)", "A C",
         "ADM FA DP DPA DD", api_key=True, client_when=DOCS),
    _row("document.mobile_capture", D, "ING-3 PLT-2", "use the mobile capture (clients only)", "", "ADM FA DP DPA DD",
         client_when=DOCS),
    _row("document.view", D, "ING-5", "list, preview and download mailbox documents", "A C", _DOC_USERS, client_when=DOCS),
    _row("document.edit", D, "ING-5", "label, annotate, rename and delete mailbox documents", "A C", _DOC_USERS,
         client_when=DOCS),
    _row("document.split", D, "ING-6 ING-7 ING-8", "split, merge and bulk-split documents", "A C", _DOC_USERS,
         client_when=DOCS),
    _row("document.send", D, "ING-9", "send documents for processing", "A C", _DOC_USERS, client_when=DOCS),
    # worklist (service worklist)
    _row("worklist.view", D, "WL-1 WL-2 WL-3 REC-1 REC-2 REC-3 ENR-1 ENR-2 ENR-3 ENR-4 ENR-5",
         "see the worklists, their booking proposals and the documents sent into processing (pages, content)",
         "A C S", "ADM FA", client_when=(C.CLIENT_VALIDATES,), worklists=True),
    _row("worklist.edit", D, "WL-4 WL-5 WL-6 WL-7 WL-8 WL-9 REC-2", "annotate proposals: fields, lines, type, journal",
         "A C S", "ADM FA", client_when=(C.CLIENT_VALIDATES,), worklists=True),
    _row("worklist.manual", D, "REC-2 WL-4", "enter a booking without a document (a manual entry in the worklist)",
         "A C S", "ADM FA", client_when=(C.CLIENT_VALIDATES,), worklists=True),
    _row("worklist.validate", D, "WL-3 WL-4 WL-11", "mark proposals checked or validated", "A C S", "ADM FA",
         client_when=(C.CLIENT_VALIDATES,), worklists=True),
    _row("worklist.help", D, "WL-10", "set or clear the help-needed status", "A C S", worklists=True),
    _row("worklist.misc_file", D, "WL-12", "file misc documents into the permanent dossier", "A C S", worklists=True),
    _row("worklist.reprocess", D, "WL-13", "run recognition again on documents that failed for a technical reason",
         "A C S", "ADM FA", client_when=(C.CLIENT_VALIDATES,), worklists=True),
    _row("proposal.send", D, "WL-4 WL-11 SYN-2", "send validated proposals to the accounting software", "A C S", "ADM FA",
         client_when=(C.CLIENT_SENDS,), worklists=True),
    _row("proposal.delete", D, "WL-4 WL-6", "delete a proposal not yet sent", "A C S", "ADM FA",
         client_when=(C.CLIENT_VALIDATES,), worklists=True),
    # synchronisation (service sync-connector)
    _row("booking.delete", D, "SYN-6", "delete an entry already sent to the accounting software", "A C"),
    _row("sync.view", D, "SYN-1 SYN-3 ACT-2", "see synchronisation status and runs", "A C S"),
    _row("sync.run", D, "SYN-4 ACT-1", "manual sync: updated-up-to date, counter reset, new active period", "A C"),
    _row("sync.full", D, "SYN-5", "full resynchronisation (exceptional)", "A"),
    _row("sync.changes.review", D, "SYN-8",
         "review and accept the account changes a sync found; see the journals created at activation", "A C"),
    # feedback (service reporting)
    _row("dashboard.view", D, "REP-1 REP-6 PLT-2", "see the dashboard and key figures", "A C", "ADM FA FF",
         client_when=FEEDBACK),
    _row("report.view", D, "REP-2", "see the standard reports", "A C", "ADM FA FF", client_when=FEEDBACK),
    _row("archive.view", D, "REP-3 REP-7 PLT-2", "search, preview and export the archive and permanent dossier", "A C",
         "ADM FA DPA FF"),
    _row("history.view", D, "REP-4", "see customer/supplier invoice history and open items", "A C", "ADM FA FF",
         client_when=FEEDBACK),
    _row("history.mark_done", D, "REP-4", "tick invoices paid but not yet recorded as paid", "A C", "ADM FA",
         client_when=FEEDBACK),
    _row("financial.view", D, "REP-5", "see financial journals and bank transactions", "A C", "ADM FA FF",
         client_when=(C.FEEDBACK_IN_SCOPE, C.FINANCIAL_VISIBLE)),
    _row("bank.match", D, "REP-5", "match by hand the bank statement lines the rules left to open invoices", "A C"),
    # payments (service payments)
    _row("payment.view", D, "PAY-1 PAY-7", "see payments and their state", "A C", "ADM FA", when=PAY),
    _row("payment.prepare", D, "PAY-10", "prepare payments while processing purchase invoices", "A C", when=PAY),
    _row("payment.create", D, "PAY-1 PAY-2 PAY-4 PAY-9", "create a payment and request its approval", "", "ADM FA",
         when=PAY),
    _row("payment.approve", D, "PAY-8 PAY-9", "approve payments within one's approval rules", "", "ADM FA", when=PAY),
    _row("payment.execute", D, "PAY-3 PAY-5 PAY-6", "produce and download SEPA files", "", "ADM FA", when=PAY),
    _row("payment.rules.manage", D, "PAY-8", "edit the payment approval rules", "", "ADM", when=PAY),
    # communication (service notify)
    _row("conversation.view", D, "COM-1 COM-4", "read the dossier's conversations", "A C S", "ADM FA DP DPA FF",
         worklists=True),
    _row("conversation.start", D, "COM-1 WL-6", "start a conversation (also about a document)", "A C S",
         "ADM FA DP DPA FF", worklists=True),
    _row("conversation.reply", D, "COM-1 COM-4", "answer, edit one's own messages", "A C S", "ADM FA DP DPA FF",
         worklists=True),
    _row("conversation.close", D, "COM-4", "close and archive conversations", "A C S"),
    _row("vat_return.confirm", D, "COM-2", "signal that all documents of the VAT period are in", "", "ADM FA"),
)
MATRIX: Mapping[str, Action] = {a.name: a for a in ACTIONS}
if len(MATRIX) != len(ACTIONS):  # pragma: no cover - a duplicated row is a programming error
    raise RuntimeError("two matrix rows share an action name")
