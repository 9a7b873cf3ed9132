"""Why a notification request cannot be carried out (final for that request, no retry), and why a conversation
request of a user is refused. What the HTTP API refuses is a runtime ServiceError (status and code)."""
from runtime.errors import ServiceError


class NotifyError(Exception):
    """A request that can never be sent as it is; ``reason`` is a short label for metrics."""

    reason = "invalid"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnknownTemplate(NotifyError, ServiceError):
    """No standard template with this key (and no override could exist without one)."""

    reason = "unknown_template"
    status, code = 404, "unknown_template"


class TemplateProblem(NotifyError, ServiceError):
    """The template does not render: a placeholder missing from the params, bad syntax, a forbidden construct."""

    reason = "template_error"
    status, code = 422, "invalid_template"


class UnknownRecipient(NotifyError):
    """The recipient has no address: not a user of the dossier, or neither a user id nor an e-mail."""

    reason = "unknown_recipient"


class NoRecipients(NotifyError):
    """The audience is empty: the dossier has no active full-access user with an e-mail."""

    reason = "no_recipients"


class ConversationError(ServiceError):
    """A conversation request of a user that cannot be done as asked; ``status`` and ``code`` for the answer."""

    status, code = 422, "invalid_conversation"


class ConversationNotFound(ConversationError):
    """No such thread in the dossier, or not one the caller may see (not revealed which)."""

    status, code = 404, "conversation_not_found"


class ConversationClosed(ConversationError):
    """The thread was closed (COM-4): no more replies."""

    status, code = 409, "conversation_closed"


class InvalidRecipient(ConversationError):
    """The thread cannot be addressed to this user (not an active client user of the dossier, or not the caller)."""

    status, code = 422, "invalid_recipient"


class InvalidVatPeriod(ConversationError):
    """COM-2: not a month or quarter that can be confirmed (malformed, not started, not the dossier's regime)."""

    status, code = 422, "invalid_vat_period"


class NotYourMessage(ConversationError):
    """COM-4: only a message's author may edit it."""

    status, code = 403, "not_your_message"


class ConversationOpen(ConversationError):
    """COM-4: only a closed conversation can be archived."""

    status, code = 409, "conversation_open"


class AttachmentRefused(ConversationError):
    """A file attached to a message is not a PDF or an image, is empty, or there are too many."""

    status, code = 415, "attachment_type"


class AttachmentTooLarge(ConversationError):
    """A file attached to a message exceeds the size limit."""

    status, code = 413, "attachment_too_large"


class UnknownConversationTemplate(ConversationError):
    """COM-5: no such conversation template for this office."""

    status, code = 404, "conversation_template_not_found"
