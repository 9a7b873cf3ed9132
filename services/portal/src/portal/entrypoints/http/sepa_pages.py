"""Executing approved payments in a SEPA file (PAY-3, PAY-5, PAY-6): the selection's "Execute N payments for
€total" from the service's preview, the debtor account picked among the dossier's own (the selection's shared
from-account, else the default, preselected) or typed, the optional date per file, and the XML download."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from portal.adapters.service_errors import ServiceCallError
from portal.domain import payment_view as pv
from portal.entrypoints.http.dossier_tabs import dossier_context
from portal.entrypoints.http.files import file_response
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.payment_nav import debtor_accounts, need, payments_for
from portal.entrypoints.http.web import PageRoute, redirect

router = APIRouter(route_class=PageRoute)


async def _confirm_page(user: User, dossier_id: str, ids: list[str], *, values: dict[str, str],
                        errors: dict[str, str], problems: list[str], status: int = 200) -> Response:
    api = payments_for(user)
    summary = await api.preview(dossier_id, ids) if ids else {"count": 0, "total": "0"}
    shared = pv.shared_account(await api.payments(dossier_id, "to_execute"), ids) if ids else None
    return user.page("sepa_execute.html", dossier_id=dossier_id, ids=ids, summary=summary,
                     accounts=await debtor_accounts(user, dossier_id), shared=shared,
                     euros=pv.euros(user.language),
                     values=values, errors=errors, problems=problems, **await dossier_context(user, dossier_id),
                     status=status)


@router.post("/dossiers/{dossier_id}/payments/execute/preview")
async def preview(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """The selected to-execute payments counted and summed by the service, with the debtor form."""
    need(user, "payment.execute", dossier_id)
    ids = user.form.getlist("payment_ids")
    try:
        return await _confirm_page(user, dossier_id, ids, values={}, errors={}, problems=[])
    except ServiceCallError as exc:
        if exc.status not in (409, 422):
            raise
        problems = pv.field_errors(exc.details, (), user.language)[1] or [pv.refusal(exc, user.language)]
        return await _confirm_page(user, dossier_id, [], values={}, errors={}, problems=problems, status=exc.status)


@router.post("/dossiers/{dossier_id}/payments/execute")
async def execute(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """PAY-3: the file for the selection with one debtor account (and date); back to the list offering its XML."""
    need(user, "payment.execute", dossier_id)
    form = user.form
    ids, values = form.getlist("payment_ids"), {name: form.get(name) for name in pv.DEBTOR_FIELDS}
    try:
        record = await payments_for(user).create_file(dossier_id, ids, pv.debtor_body(values), values["execution_date"])
    except ServiceCallError as exc:
        if exc.status not in (409, 422):
            raise
        errors, problems = pv.field_errors(exc.details, pv.DEBTOR_FIELDS, user.language)
        return await _confirm_page(user, dossier_id, ids, values=values, errors=errors,
                                   problems=problems or ([] if errors else [pv.refusal(exc, user.language)]),
                                   status=exc.status)
    return redirect(user.request, f"/dossiers/{dossier_id}/payments?file={record['id']}#sepa-files")


@router.get("/dossiers/{dossier_id}/sepa-files/{file_id}/xml")
async def download(dossier_id: str, file_id: str, user: User = Depends(current_user)) -> Response:
    """PAY-6: the stored pain.001 file, byte for byte, as an attachment."""
    need(user, "payment.execute", dossier_id)
    got = await payments_for(user).file_xml(dossier_id, file_id)
    disposition = got.headers.get("content-disposition") or f'attachment; filename="sepa-{file_id[:8]}.xml"'
    return file_response(got.content, got.headers.get("content-type", "application/xml"), disposition=disposition,
                         cache="no-store")
