"""Small validated values of the office domain: e-mail addresses, VAT numbers, names, roles, profiles."""
from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Callable
from typing import Any

from runtime.auth.principal import ClientProfile, Role
from stdnum import exceptions as stdnum_errors
from stdnum.eu import vat as eu_vat

from office.domain.errors import InvalidInput

LANGUAGES = ("nl", "fr", "en", "de")
MAILBOXES = ("purchases", "sales", "misc")
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")


def each(*checks: Callable[[], Any]) -> list[Any]:
    """The values of every check, or one InvalidInput naming every bad field (API.md: one entry per bad field)."""
    results, errors = [], []
    for check in checks:
        try:
            results.append(check())
        except InvalidInput as exc:
            errors.extend(exc.errors)
    if errors:
        first, *rest = errors
        raise InvalidInput(first.field, first.message, first.code, more=tuple(rest))
    return results


def email(value: object, field: str = "email") -> str:
    """A normalised (trimmed, lower-case) e-mail address; InvalidInput otherwise."""
    text = str(value or "").strip().lower()
    if len(text) > 254 or not _EMAIL.match(text):
        raise InvalidInput(field, "is not a valid e-mail address", "email")
    return text


def name(value: object, field: str = "name", max_length: int = 200) -> str:
    """A trimmed non-empty display name."""
    text = str(value or "").strip()
    if not text or len(text) > max_length:
        raise InvalidInput(field, f"must have 1 to {max_length} characters", "length")
    return text


def language(value: object, field: str = "language") -> str:
    """One of the four languages (PLT-1)."""
    if value not in LANGUAGES:
        raise InvalidInput(field, f"must be one of {', '.join(LANGUAGES)}", "choice")
    return str(value)


def mailbox(value: object, field: str = "mailbox") -> str:
    """One of the three mailboxes (ING-1)."""
    if value not in MAILBOXES:
        raise InvalidInput(field, f"must be one of {', '.join(MAILBOXES)}", "choice")
    return str(value)


def role(value: object, field: str = "role") -> Role:
    """A collaborator role (OFF-2)."""
    try:
        return Role(str(value).upper())
    except ValueError:
        raise InvalidInput(field, f"must be one of {', '.join(r.value for r in Role)}", "choice") from None


def profile(value: object, field: str = "profile") -> ClientProfile:
    """A client profile (DOS-4)."""
    try:
        return ClientProfile(str(value).upper())
    except ValueError:
        raise InvalidInput(field, f"must be one of {', '.join(p.value for p in ClientProfile)}", "choice") from None


def vat_number(value: object, field: str = "vat_number") -> str | None:
    """A VAT number validated with python-stdnum, compact with its country prefix (e.g. BE0123456749)."""
    if value in (None, ""):
        return None
    text = str(value).strip().upper()
    if text[:2].isdigit():
        text = "BE" + text  # Belgian offices type Belgian numbers without the prefix
    try:
        return eu_vat.validate(text)
    except stdnum_errors.ValidationError:
        raise InvalidInput(field, "is not a valid EU VAT number (e.g. BE0123456749)", "vat_number") from None


def code(value: object, field: str = "code") -> str | None:
    """The office's short code for a dossier: letters, digits, '-' and '_', at most 30."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,30}", text):
        raise InvalidInput(field, "letters, digits, '-' and '_' only, at most 30", "code_format")
    return text


def inbound_address(label: str, box: str, domain: str) -> str:
    """A new unguessable inbound e-mail address of a dossier's mailbox (ING-2)."""
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_label).strip("-")[:20] or "dossier"
    return f"{slug}-{box}-{secrets.token_hex(5)}@{domain}"
