class DomainError(Exception):
    """A rule of the domain refused an action. The message is safe to show to the user, translated.

    Views turn it into a message on the page; the API into 409 (not possible in the current state).
    """
