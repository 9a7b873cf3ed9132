"""The sync-connector's HTTP API: every router, in the order the app includes them."""
from sync_connector.entrypoints.http import monitor, reviews, statements, sync

ROUTERS = (sync.router, statements.router, monitor.router, reviews.router)
