"""reporting's HTTP API (REP-1..6): every router, in the order the app includes them."""
from reporting.entrypoints.http import archive, bank, dashboard, history, reports

ROUTERS = (dashboard.router, reports.router, history.router, archive.router, bank.router)
