"""notify's HTTP API: every router, in the order the app includes them."""
from notify.entrypoints.http import (attachments, broadcast, conversation_templates, conversations, mail,
                                     monitor, vat_confirmations)

ROUTERS = (mail.router, broadcast.router, conversations.router, attachments.router, conversation_templates.router,
           monitor.router, vat_confirmations.router)
