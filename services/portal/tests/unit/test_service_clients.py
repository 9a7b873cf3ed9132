"""Issue 19 item 4: each service's client raises that service's error class with the status, code and params the
service answered (no more OfficeError for everything); pages catch any of them as a ServiceCallError."""
import httpx
import pytest

from portal.adapters.ingest import IngestClient, IngestError
from portal.adapters.monitor_counters import CountersClient
from portal.adapters.notify import NotifyClient, NotifyError
from portal.adapters.office import OfficeError
from portal.adapters.payments import PaymentsClient, PaymentsError
from portal.adapters.reporting import ReportingClient, ReportingError
from portal.adapters.service_errors import ServiceCallError, ServiceUnavailable
from portal.adapters.sync import SyncClient, SyncError
from portal.adapters.worklist import WorklistClient, WorklistError


def _http(status: int, body: dict | None = None) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url="http://svc", transport=httpx.MockTransport(
        lambda request: httpx.Response(status, json=body or {})))


async def test_a_payments_refusal_is_a_payments_error_with_its_reason_and_params():
    body = {"error": {"code": "conflict", "message": "already paid", "reason": "rule_in_use", "params": {"count": "2"}}}
    with pytest.raises(PaymentsError) as caught:
        await PaymentsClient(_http(409, body), "t").act("d", "p", "approve")
    error = caught.value
    assert (error.service, error.status, error.code, error.reason, error.params) == (
        "payments", 409, "conflict", "rule_in_use", {"count": "2"})
    assert not isinstance(error, OfficeError) and isinstance(error, ServiceCallError)


@pytest.mark.parametrize("client, kind, service", [
    (WorklistClient, WorklistError, "worklist"), (ReportingClient, ReportingError, "reporting"),
    (NotifyClient, NotifyError, "notify"), (SyncClient, SyncError, "sync-connector")])
async def test_each_client_raises_its_services_class_naming_every_field(client, kind, service):
    body = {"error": {"code": "validation_error", "message": "x: bad",
                      "fields": [{"field": "lines.2.account", "code": "unknown_account", "message": "no such"}]}}
    with pytest.raises(kind) as caught:
        await client(_http(422, body), "t").call("POST", "/anything")
    assert caught.value.service == service and caught.value.code == "validation_error"
    assert caught.value.details[0]["field"] == "lines.2.account" and caught.value.details[0]["code"] == "unknown_account"


async def test_ingest_and_the_monitor_counters_raise_the_asked_services_class():
    with pytest.raises(IngestError) as ingest:
        await IngestClient(_http(404, {"error": {"code": "not_found", "message": "no document"}}), "t").call("GET", "/x")
    assert ingest.value.code == "not_found" and ingest.value.status == 404
    with pytest.raises(NotifyError):
        await CountersClient(_http(403, {"error": {"code": "forbidden", "message": "no"}}), "t", "notify").counters(["d"])


async def test_an_unreachable_or_failing_service_is_unavailable_and_named():
    def refuse(request):
        raise httpx.ConnectError("refused", request=request)

    down = httpx.AsyncClient(base_url="http://svc", transport=httpx.MockTransport(refuse))
    with pytest.raises(ServiceUnavailable) as unreachable:
        await WorklistClient(down, "t").rows("d", "purchases")
    with pytest.raises(ServiceUnavailable) as failing:
        await PaymentsClient(_http(500, {"error": {"code": "internal_error", "message": "internal error"}}), "t").rules("d")
    assert unreachable.value.service == "worklist" and failing.value.service == "payments"
    assert unreachable.value.status == failing.value.status == 503
