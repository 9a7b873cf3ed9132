"""Per-task context carried through logs, outgoing events and traces."""
from contextvars import ContextVar

correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
service_name: ContextVar[str | None] = ContextVar("service_name", default=None)
