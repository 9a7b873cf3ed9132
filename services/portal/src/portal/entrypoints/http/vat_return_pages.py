"""COM-2 "VAT return OK" on a dossier's Messages page: a client with vat_return.confirm picks a month or quarter,
confirms it on a second step, and notify tells the office in a conversation; everyone who reads the dossier's
conversations sees the confirmed periods. A period confirmed before is answered with when and by whom."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Response

from portal.adapters.service_errors import ServiceCallError
from portal.entrypoints.http.dossier_tabs import dossier_context
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.message_list import list_page, vat_periods
from portal.entrypoints.http.message_nav import notify_for
from portal.entrypoints.http.web import PageRoute, forbidden
from portal.i18n.error_codes import say_error

router = APIRouter(route_class=PageRoute)


@router.post("/dossiers/{dossier_id}/vat-return")
async def confirm(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """Step 1 (no ``confirmed``): the question "all documents of this period are in?"; step 2: notify is told."""
    if not user.may("vat_return.confirm", dossier_id):
        raise forbidden()
    period = user.form.get("period")
    if period not in vat_periods(date.today()):
        return await list_page(user, dossier_id, vat_error=say_error("invalid_vat_period", {}, user.language),
                               status=422)
    if user.form.get("confirmed") != "yes":
        return user.page("vat_return_confirm.html", dossier_id=dossier_id, period=period,
                         **await dossier_context(user, dossier_id))
    try:
        done = await notify_for(user).confirm_vat(dossier_id, period)
    except ServiceCallError as exc:
        if exc.status != 422:
            raise
        return await list_page(user, dossier_id, vat_error=say_error(exc.code, exc.params, user.language),
                               status=422)
    return await list_page(user, dossier_id, vat_done=done)
