"""Keeping a document's annotations and footnotes on their passages after its body changed.

The text rule lives in :mod:`archive.anchoring`; this module applies it to
the stored records. An annotation whose passage cannot be found for sure is
flagged ``needs_review`` and keeps its offsets and context exactly as they
were, so the editor sees where it stood and nothing moves without them.
"""

from __future__ import annotations

from . import anchoring
from .history import script_user
from .models import AnchorStatus, Footnote, Telegram
from .text.markup import footnote_markers

REASON = "re-anchored after a correction of the body"


def reanchor(telegram: Telegram, user=None) -> int:
    """Find every annotation and footnote again in the body; return how many were flagged.

    ``user`` is whoever changed the body (the history names them); the
    import script when it is not given.
    """
    user = user or script_user()
    flagged = 0
    for annotation in telegram.annotations.all():
        anchor = anchoring.locate(
            telegram.body,
            annotation.quote,
            annotation.prefix,
            annotation.suffix,
            start=annotation.start,
        )
        if anchor is None:
            # Stays where it was: start, end, prefix and suffix untouched.
            fields = {"anchor_status": AnchorStatus.NEEDS_REVIEW}
        else:
            fields = {
                "anchor_status": AnchorStatus.ANCHORED,
                "start": anchor.start,
                "end": anchor.end,
                "prefix": anchor.prefix,
                "suffix": anchor.suffix,
            }
        if any(getattr(annotation, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(annotation, key, value)
            annotation.version += 1
            annotation._history_user = user
            annotation._change_reason = REASON
            annotation.save()
            flagged += anchor is None
    references = footnote_markers(telegram.body)
    remaining = list(references)
    for footnote in telegram.footnotes.filter(location=Footnote.Location.BODY).order_by("order"):
        if footnote.marker in remaining:
            remaining.remove(footnote.marker)
            status = AnchorStatus.ANCHORED
        else:
            status = AnchorStatus.NEEDS_REVIEW
        if footnote.anchor_status != status:
            footnote.anchor_status = status
            footnote.version += 1
            footnote._history_user = user
            footnote._change_reason = REASON
            footnote.save()
            flagged += status == AnchorStatus.NEEDS_REVIEW
    return flagged
