"""The editors' workplace, one module per concern (see each module)."""

from . import authorities, linking, mentions, notes, telegrams  # noqa: F401  (registers the admins)
