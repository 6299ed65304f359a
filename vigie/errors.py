"""The errors Vigie raises on purpose; each carries a message a user can act on."""


class VigieError(Exception):
    """Base class of Vigie's own errors."""


class InvalidInput(VigieError):
    """Input that cannot be accepted; the message names where and what is wrong."""


class NotFound(VigieError):
    """The thing does not exist, or the reader may not know it exists."""


class Forbidden(VigieError):
    """The reader's role does not allow the action."""


class AuthenticationFailed(VigieError):
    """Wrong credentials, an expired token, or a throttled account."""
