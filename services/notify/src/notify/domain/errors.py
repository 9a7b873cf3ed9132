"""Why a notification request cannot be carried out (final for that request, no retry), and why a conversation
request of a user is refused."""


class NotifyError(Exception):
    """A request that can never be sent as it is; ``reason`` is a short label for metrics."""

    reason = "invalid"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnknownTemplate(NotifyError):
    """No standard template with this key (and no override could exist without one)."""

    reason = "unknown_template"


class TemplateProblem(NotifyError):
    """The template does not render: a placeholder missing from the params, bad syntax, a forbidden construct."""

    reason = "template_error"


class UnknownRecipient(NotifyError):
    """The recipient has no address: not a user of the dossier, or neither a user id nor an e-mail."""

    reason = "unknown_recipient"


class NoRecipients(NotifyError):
    """The audience is empty: the dossier has no active full-access user with an e-mail."""

    reason = "no_recipients"


class ConversationError(Exception):
    """A conversation request of a user that cannot be done as asked; ``status`` and ``code`` for the answer."""

    status, code = 422, "invalid_conversation"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConversationNotFound(ConversationError):
    """No such thread in the dossier, or not one the caller may see (not revealed which)."""

    status, code = 404, "conversation_not_found"


class ConversationClosed(ConversationError):
    """The thread was closed (COM-4): no more replies."""

    status, code = 409, "conversation_closed"


class InvalidRecipient(ConversationError):
    """The thread cannot be addressed to this user (not an active client user of the dossier, or not the caller)."""

    status, code = 422, "invalid_recipient"
