"""A document's place in the printed FRUS series: volume, document number, pages.

Pure functions, no database. The rules:

- A volume id is ``frus`` followed by the year or years and an optional
  part: ``frus1930v01``, ``frus1931-41v02``, ``frus1942China``,
  ``frus1934v04p1`` (as in the Office of the Historian's TEI files and
  history.state.gov addresses). A document id is ``d`` followed by digits
  (``d23``).
- A file named ``…<volume>_<docid>.txt`` (the corpus's
  ``022_frus1931-41v02_d23.txt``) carries both; any prefix before the
  volume is ignored. Other names carry neither.
- The first printed page: the text before the first ``[Page N]`` marker is
  on page N−1 (a document starts mid-page) unless the marker opens the
  text. The last page is the last marker's N, or the first page when there
  is no marker. A text without markers gives no pages at all: nothing in it
  says where it was printed.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from .text.markup import page_markers

VOLUME = re.compile(r"frus\d{4}(?:-\d{2,4})?(?:[A-Za-z][A-Za-z0-9]*)?")
DOCUMENT = re.compile(r"d\d+")
_FILE_NAME = re.compile(rf"(?:^|_)(?P<volume>{VOLUME.pattern})_(?P<document>{DOCUMENT.pattern})$")

HSG = "https://history.state.gov/historicaldocuments"

# Titles of the volumes the corpus draws on, as a citation names them (the
# series title is added in front). An unknown volume shows its id.
VOLUME_TITLES = {
    "frus1930v01": "1930, vol. I",
    "frus1931-41v02": "1931–1941, Japan, vol. II",
    "frus1934v04": "1934, The American Republics, vol. IV",
    "frus1941v07": "1941, The American Republics, vol. VII",
    "frus1942China": "1942, China",
}
SERIES = "Foreign Relations of the United States"


def is_volume(value: str) -> bool:
    return bool(VOLUME.fullmatch(value or ""))


def is_document(value: str) -> bool:
    return bool(DOCUMENT.fullmatch(value or ""))


def from_file_name(name: str) -> tuple[str, str]:
    """``(volume, document)`` read from a file name, or ``("", "")``."""
    stem = PurePath(name or "").name
    if stem.endswith(".txt"):
        stem = stem[:-4]
    match = _FILE_NAME.search(stem)
    if match is None:
        return "", ""
    return match["volume"], match["document"]


def volume_title(volume: str) -> str:
    """The volume's title for a citation, or its id when the title is not known."""
    return VOLUME_TITLES.get(volume, volume)


def book_title(volume: str) -> str:
    """The series and the volume: "Foreign Relations of the United States, 1942, China"."""
    return f"{SERIES}, {volume_title(volume)}" if volume else ""


def document_number(document: str) -> str:
    """ "23" for "d23"."""
    return document[1:] if is_document(document) else ""


def hsg_url(volume: str, document: str) -> str:
    """The document's address on history.state.gov, when both ids are known."""
    if is_volume(volume) and is_document(document):
        return f"{HSG}/{volume}/{document}"
    return ""


def page_range(body: str) -> tuple[int | None, int | None]:
    """First and last printed page of a body with ``[Page N]`` markers (see the rule above)."""
    markers = [m for m in page_markers(body) if re.fullmatch(r"\d+", m["label"])]
    if not markers:
        return None, None
    first_marker = markers[0]
    number = int(first_marker["label"])
    before = body[: first_marker.start()].strip()
    first = number - 1 if before and number > 1 else number
    return first, int(markers[-1]["label"])


def pages_label(first: int | None, last: int | None) -> str:
    """ "48–51", "36", or "" when unknown."""
    if first is None:
        return ""
    return str(first) if last in (None, first) else f"{first}–{last}"
