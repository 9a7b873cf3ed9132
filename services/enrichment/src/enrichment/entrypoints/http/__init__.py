"""enrichment's HTTP API: every router, in the order the app includes them."""
from enrichment.entrypoints.http import numbering

ROUTERS = (numbering.router,)
