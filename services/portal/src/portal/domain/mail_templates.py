"""The office's templates as the Templates page shows them (COM-5, COM-6): what each standard mail of notify is
for, the placeholders it may use, and the placeholders of a conversation template.

notify renders a mail template with the params of its key (services/notify/src/notify/domain/samples.py) and
answers no list of them, so the list is kept here; tests/unit/test_mail_templates.py fails when it drifts from
notify's.
"""
from __future__ import annotations

from collections.abc import Mapping

from portal.i18n import N_

LANGUAGES = ("nl", "fr", "de", "en")
_ADDED = ("recipient_name", "portal_link")
_ACCOUNT = ("user_name", "email", "office_name", "portal_name", "office_slug", "link", "link_path", "link_token",
            "expires", "expires_at")
_LINK = ("link", "link_path")

# key: (what the mail is for, the placeholders it may use beyond those notify adds to every mail)
MAIL_TEMPLATES: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "user.welcome": (N_("Welcome of a new user, with the link to choose a password"), _ACCOUNT),
    "user.password_reset": (N_("Password reset link"), _ACCOUNT),
    "worklist.question": (N_("Question of the office about a document in the worklist"),
                          ("dossier_name", "question", "invoice_number", "counterparty", "asked_by", "proposal_id",
                           "document_id")),
    "conversation.message": (N_("New message in a conversation"),
                             ("dossier_name", "subject", "author_name", "text", *_LINK)),
    "payment.approved": (N_("Payment to execute"),
                         ("dossier_name", "creditor", "amount", "currency", "method", "communication",
                          "execution_date", "payment_id", *_LINK)),
    "sync.needs_support": (N_("The accounting software needs support (synchronisation)"),
                           ("dossier", "dossier_name", "instruction", "instruction_code", "reason", *_LINK)),
    "dossier.updated": (N_("The dossier's accounts are updated"), ("dossier", "dossier_name", "updated_up_to")),
}
# What a conversation template may use (notify fills them for the dossier and recipient when one is picked).
CONVERSATION_PLACEHOLDERS = ("dossier_name", "recipient_name", "previous_quarter", "previous_month", "today")


def purpose(key: str) -> str:
    """The catalog text saying what the mail `key` is for (its key itself for one the portal does not know)."""
    return MAIL_TEMPLATES[key][0] if key in MAIL_TEMPLATES else key


def placeholders(key: str) -> tuple[str, ...]:
    """The placeholders the mail `key` may use, as ``{{ name }}`` without braces, sorted; none for an unknown key."""
    if key not in MAIL_TEMPLATES:
        return ()
    return tuple(sorted({*_ADDED, *MAIL_TEMPLATES[key][1]}))


def grid(rows: list[dict]) -> list[dict]:
    """notify's (key, language) list as one row per key: ``{key, purpose, languages: {lang: row}}``, in the order
    of ``MAIL_TEMPLATES`` (keys the portal does not know last)."""
    by_key: dict[str, dict[str, dict]] = {}
    for row in rows:
        by_key.setdefault(row["key"], {})[row["language"]] = row
    order = [k for k in MAIL_TEMPLATES if k in by_key] + sorted(k for k in by_key if k not in MAIL_TEMPLATES)
    return [{"key": k, "purpose": purpose(k), "languages": by_key[k]} for k in order]
