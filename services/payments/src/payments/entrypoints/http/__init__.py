"""payments' HTTP API (README): payments, their execution (SEPA files, EPC QR codes), approval rules."""
from payments.entrypoints.http.execution import router as execution_router
from payments.entrypoints.http.payments import router as payments_router
from payments.entrypoints.http.rules import router as rules_router

ROUTERS = (payments_router, execution_router, rules_router)

__all__ = ["ROUTERS"]
