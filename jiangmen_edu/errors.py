"""The one way a service says no, and the one way a page shows it.

A service refuses an action by raising `Refused` (or a subclass: the workflow's, the imports',
the assessment's) with a message written for the user, or Django's `ValidationError` when the
refusal belongs to a form field. Views catch `REFUSALS` and hand the error to `show_refusal`,
which puts it on the form, or in the page's messages when there is no form to show.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError


class Refused(Exception):
    """An action the current state of the data does not allow; the message is for the user.

    Services raise it inside their transaction, so the change it refuses is not written (a
    refused import still records that it was refused, outside that transaction).
    """


REFUSALS = (Refused, ValidationError)


def refusal_text(error: Refused | ValidationError) -> str:
    """The refusal as one line, for a page message or the command line."""
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return str(error)


def show_refusal(error: Refused | ValidationError, *, form=None, request=None) -> None:
    """Show a refusal on `form` (a field's error on its field, if the form has that field),
    or as an error message of `request` when there is no form."""
    if form is None:
        messages.error(request, refusal_text(error))
    elif isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(error, ValidationError):
        form.add_error(None, error)
    else:
        form.add_error(None, str(error))
