"""Confirmation messages shown after a redirect (``?notice=key``): only known keys, translated."""
from __future__ import annotations

from portal import i18n
from portal.i18n import N_

NOTICES = {
    "saved": N_("Your changes are saved."),
    "collaborator_created": N_("The collaborator is created. A welcome e-mail with a link to choose a password is on its way."),
    "client_user_created": N_("The user is added. A new user receives a welcome e-mail with a link to choose a password."),
    "disabled": N_("The account is disabled."),
    "enabled": N_("The account is enabled again."),
    "role_changed": N_("The role is changed. It applies everywhere within 15 minutes at most."),
    "group_created": N_("The group is created."),
    "group_deleted": N_("The group is deleted."),
    "dossier_created": N_("The dossier is created as a draft. Activate it to start working."),
    "dossier_activated": N_("The dossier is active."),
    "key_revoked": N_("The key is revoked. Integrations using it are refused from now on."),
    "mailbox_rotated": N_("The mailbox has a new e-mail address. The old address no longer accepts documents."),
}


def notice_of(key: str, language: str) -> str | None:
    """The confirmation for a notice key in the language, or None for an unknown key."""
    message = NOTICES.get(key)
    if message is None:
        return None
    with i18n.activate(language):
        return i18n.gettext_(message)
