"""Every document of the development corpus against its truth.json."""

from __future__ import annotations

import re

import pytest

from archive.text import parse_document
from tests.conftest import CORPUS, corpus_truth

MARKER = re.compile(r"\[\^\d+[a-d]?\]")
TRUTH = corpus_truth()


def _parsed(entry):
    path = CORPUS / entry["file"]
    return parse_document(path.read_text(encoding="utf-8"), entry["file"])


@pytest.mark.parametrize("entry", TRUTH, ids=[t["file"].split("/")[-1] for t in TRUTH])
def test_document_matches_truth(entry):
    doc = _parsed(entry)
    assert (doc.source_note or None) == entry["source_note"]
    assert (doc.file_number or None) == entry["file_number"]
    assert (doc.source_note_kind or None) == entry["source_note_kind"]
    assert doc.kind == entry["kind"]
    assert doc.heading == entry["heading"]
    assert doc.heading_line == entry["heading_line"]
    assert (doc.sender_role or None, doc.sender_name or None) == (
        entry["sender"]["role"],
        entry["sender"]["name"],
    )
    assert (doc.recipient_role or None, doc.recipient_name or None) == (
        entry["recipient"]["role"],
        entry["recipient"]["name"],
    )
    if entry["dateline_rendered"]:
        dateline = entry["dateline"]
        assert doc.dateline == dateline["text"]
        assert doc.date_text == dateline["date_text"]
        assert doc.dateline_place == dateline["place"]
        assert doc.date_earliest.isoformat() == dateline["when"][:10]
    else:
        assert doc.dateline == ""
    assert (doc.received_text or None) == entry["received"]
    assert doc.paraphrase == entry["paraphrase"]
    assert (doc.serial_number or None) == entry["serial_number"]
    assert (doc.signature or None) == entry["signature"]
    assert doc.closer == entry["closer"]
    assert len(doc.paragraphs) == entry["body_paragraph_count"]
    assert MARKER.sub("", doc.paragraphs[0])[:60] == entry["body_starts"]
    assert MARKER.sub("", doc.paragraphs[-1])[-60:] == entry["body_ends"]
    assert [(f.marker, f.anchor_text, f.text, f.where) for f in doc.footnotes] == [
        (f["n"], f["anchor_word"], f["text"], f["where"]) for f in entry["footnotes"]
    ]
    breaks = [m for m in doc.marks if m.kind == "page_break"]
    assert [m.quote[6:-1] for m in breaks] == [b["n"] for b in entry["page_breaks"]]
    inline = [doc.body[max(0, m.start - 2) : m.start] not in ("", "\n\n") for m in breaks]
    assert inline == [b["inline"] for b in entry["page_breaks"]]
    for reference in entry["references"]:
        assert reference.split()[0] in MARKER.sub("", doc.body)


def test_footnote_references_sit_where_the_markers_were():
    entry = next(t for t in TRUTH if t["doc_id"] == "d23")
    doc = _parsed(entry)
    assert "November 4[^33]" in doc.body
    assert "p.m.[^32]" in doc.body
    assert doc.received_text == "10:08 p.m."


def test_repeated_marker_and_marker_glued_to_a_day():
    entry = next(t for t in TRUTH if t["doc_id"] == "d202")
    doc = _parsed(entry)
    assert "November 2[^63]" in doc.body
    assert [f.marker for f in doc.footnotes] == ["63", "63", "63", "64"]


def test_all_identities_are_distinct_even_when_file_numbers_repeat():
    docs = [_parsed(entry) for entry in TRUTH]
    assert len({d.identity for d in docs}) == len(docs)
    shared = [d for d in docs if d.file_number == "724.3415/4210"]
    assert len(shared) == 2
