"""Why a notification request cannot be carried out; each is final for that request (no retry)."""


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
