"""Who calls a fake platform service: the fake office's access token and the shared matrix on the dossier."""
from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from runtime.auth import DossierRef, Forbidden, authorize

from portal_testkit.office_state import FakeOffice, FakeUser


def error(status: int, code: str, message: str, fields: dict[str, Any] | None = None, **extra: Any) -> JSONResponse:
    """The house error shape; ``fields`` as the list of {field, message} a 422 names — a value (code, message,
    params) adds the field's code and values; ``extra`` e.g. a refusal's reason and params."""
    body: dict[str, Any] = {"code": code, "message": message, **extra}
    if fields:
        body["fields"] = [{"field": f, "message": m} if isinstance(m, str) else
                          {"field": f, "code": m[0], "message": m[1], "params": m[2] if len(m) > 2 else {}}
                          for f, m in fields.items()]
    return JSONResponse({"error": body}, status_code=status)


def caller(office: FakeOffice, request: Request, dossier_id: str,
           action: str) -> tuple[FakeUser | None, JSONResponse | None]:
    """(user, None) when the token's user may do the action on the dossier; (None, 401/403 answer) otherwise."""
    user_id = office.access_tokens.get(request.headers.get("authorization", "").removeprefix("Bearer "))
    if user_id is None:
        return None, error(401, "unauthenticated", "no valid token")
    if dossier_id not in office.dossiers:
        return None, error(403, "forbidden", "not your dossier")
    user = office.users[user_id]
    ref = DossierRef.from_settings(office.office["id"], dossier_id, office.effective(dossier_id))
    try:
        authorize(office.principal(user), action, ref)
    except Forbidden as exc:
        return None, error(403, "forbidden", str(exc))
    return user, None
