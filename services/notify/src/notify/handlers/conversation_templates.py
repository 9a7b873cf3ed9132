"""COM-5: the templates an office user picks from when starting a conversation — the standard ones and the
office's own, in the recipient's language, with the placeholders filled from the dossier."""
from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any
from uuid import UUID

import asyncpg

from notify.adapters import conversation_templates, replica
from notify.domain import conversation_templates as templates
from notify.domain.audience import FULL_ACCESS_PROFILES, Dossier


def language_of(dossier: Dossier, recipient_user_id: UUID | None) -> str:
    """The recipient's language; for all full-access users the one most of them read (nl without any)."""
    users = [u for u in dossier.users if u.active and (
        u.user_id == recipient_user_id if recipient_user_id else u.profile in FULL_ACCESS_PROFILES)]
    found = Counter(u.language for u in users if u.language in templates.LANGUAGES).most_common(1)
    return found[0][0] if found else "nl"


async def picker(pool: asyncpg.Pool, dossier_id: UUID, recipient_user_id: UUID | None, language: str | None,
                 today: date) -> dict[str, Any]:
    """``{language, templates: [{id, name, source, subject, text}]}`` filled for this dossier and recipient."""
    dossier = await replica.load(pool, dossier_id)
    language = language or language_of(dossier, recipient_user_id)
    recipient = next((u.name for u in dossier.users if u.user_id == recipient_user_id), None)
    known = templates.values(dossier.name, recipient, today)
    found = [{"id": f"standard:{key}", "name": versions[language][0], "source": "standard",
              "subject": templates.fill(versions[language][1], known), "text": templates.fill(versions[language][2],
                                                                                               known)}
             for key, versions in templates.STANDARD.items()]
    found += [{"id": str(t["id"]), "name": t["name"], "source": "office", "subject": templates.fill(t["subject"], known),
               "text": templates.fill(t["body"], known)}
              for t in await conversation_templates.of_office(pool, dossier.office_id, language)]
    return {"language": language, "templates": found}
