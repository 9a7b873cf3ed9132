"""API-key routes of the fake office (ING-4, services/office/API.md "API keys"): the key is in the create answer only."""
from __future__ import annotations

import secrets
from datetime import datetime, timezone
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from runtime.http import error_response

from portal_testkit.office_state import FakeOffice, new_id


def register_keys(r: APIRouter, fake: FakeOffice, caller, check) -> None:
    @r.get("/dossiers/{dossier_id}/api-keys")
    async def list_keys(request: Request, dossier_id: str) -> dict:
        check(caller(request), "apikey.manage", dossier_id)
        return {"items": [k for k in fake.api_keys.values() if k["dossier_id"] == dossier_id]}

    @r.post("/dossiers/{dossier_id}/api-keys", status_code=201)
    async def create_key(request: Request, dossier_id: str, body: dict) -> Any:
        check(caller(request), "apikey.manage", dossier_id)
        bad = ([{"field": "name", "code": "length", "message": "must have 1 to 100 characters"}]
               if not (body.get("name") or "").strip() else [])
        if body.get("mailbox") not in ("purchases", "sales", "misc"):
            bad.append({"field": "mailbox", "code": "choice", "message": "must be one of purchases, sales, misc"})
        if bad:
            return error_response(422, "validation_error", "invalid", fields=bad)
        prefix, secret = secrets.token_hex(4), secrets.token_urlsafe(24)
        key = {"id": new_id(), "dossier_id": dossier_id, "name": body["name"].strip(), "mailbox": body["mailbox"],
               "prefix": prefix, "created_at": datetime.now(timezone.utc).isoformat(), "revoked_at": None}
        fake.api_keys[key["id"]] = key
        return {**key, "key": f"bfk_{prefix}_{secret}"}

    @r.delete("/dossiers/{dossier_id}/api-keys/{key_id}", status_code=204, response_model=None)
    async def revoke_key(request: Request, dossier_id: str, key_id: str) -> Response:
        check(caller(request), "apikey.manage", dossier_id)
        key = fake.api_keys.get(key_id)
        if key is None or key["dossier_id"] != dossier_id:
            return error_response(404, "not_found", "no such API key on this dossier")
        key["revoked_at"] = datetime.now(timezone.utc).isoformat()
        return Response(status_code=204)
