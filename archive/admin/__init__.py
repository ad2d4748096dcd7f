"""The editors' workplace, one module per concern (see each module)."""

from . import (  # noqa: F401  (registers the admins)
    authorities,
    linking,
    mentions,
    notes,
    quality,
    references,
    telegrams,
)
