"""The way to a dossier's messages from the navigation: notify on behalf of the user and their unread count."""
from __future__ import annotations

from portal.adapters.notify import NotifyClient
from portal.entrypoints.http.guard import User


def notify_for(user: User) -> NotifyClient:
    """notify on behalf of the user (their current access token)."""
    return NotifyClient(user.portal.services["notify"], user.api.session.tokens.access)


async def unread_messages(user: User, dossier_id: str) -> int | None:
    """The user's unread messages in the dossier for a badge; None when they may not read its conversations or
    notify cannot say (the page shows no badge then, it never fails for it)."""
    if not user.may("conversation.view", dossier_id):
        return None
    return await notify_for(user).unread(dossier_id)
