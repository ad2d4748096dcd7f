"""Annotations stay on their passage, or are flagged; they never jump to another one.

Issue 10, defect 5: annotate "Costa du Rels" in one paragraph, add another
"Costa du Rels" elsewhere, edit the first to "Costa Du Rels", and the note
used to move silently to the other sentence.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from archive import anchoring
from archive.models import Annotation, Telegram
from tests.conftest import form_data

FIRST = (
    "The Bolivian delegate at Geneva, Mr. Costa du Rels, called on me this morning and "
    "spoke at length of the Chaco settlement."
)
SECOND = (
    "In the afternoon the Secretary General received the Paraguayan minister, who "
    "complained of the arms embargo."
)
THIRD = "I shall report further by cable when the committee meets again on Thursday."
# The same words in another sentence, added by an editor later.
OTHER = " The note from Costa du Rels to the Council was circulated on Tuesday evening."


# --- the text rule -------------------------------------------------------------------------


def test_the_other_occurrence_is_not_taken_when_the_passage_was_edited():
    body = f"{FIRST}\n\n{SECOND}\n\n{THIRD}"
    anchor = anchoring.anchor_new(body, "Costa du Rels")
    added = f"{FIRST}\n\n{SECOND}{OTHER}\n\n{THIRD}"
    kept = anchoring.locate(added, "Costa du Rels", anchor.prefix, anchor.suffix, anchor.start)
    assert kept is not None and kept.start == anchor.start  # still the first paragraph
    edited = added.replace("Mr. Costa du Rels", "Mr. Costa Du Rels")
    assert edited.count("Costa du Rels") == 1  # only the other sentence has the words now
    assert anchoring.locate(edited, "Costa du Rels", kept.prefix, kept.suffix, kept.start) is None


def test_a_word_inserted_beside_the_quote_keeps_the_anchor():
    body = f"{FIRST}\n\n{SECOND}"
    anchor = anchoring.anchor_new(body, "Costa du Rels")
    corrected = body.replace("Mr. Costa", "Monsieur Costa")
    found = anchoring.locate(corrected, "Costa du Rels", anchor.prefix, anchor.suffix)
    assert found is not None and corrected[found.start : found.end] == "Costa du Rels"


def test_the_cached_offset_only_breaks_ties():
    passage = "The Secretary of State is away; Litvinov called and asked for the Ambassador. "
    body = passage * 2  # the same quote with the same context at two places
    first = body.index("Litvinov")
    second = body.index("Litvinov", first + 1)
    anchor = anchoring.context_of(body, first, first + len("Litvinov"))
    for cached in (first, second):
        found = anchoring.locate(body, "Litvinov", anchor.prefix, anchor.suffix, cached)
        assert found.start == cached
    # Neither place is where the passage stood: an editor must choose.
    assert anchoring.locate(body, "Litvinov", anchor.prefix, anchor.suffix, 3) is None
    assert anchoring.locate(body, "Litvinov", anchor.prefix, anchor.suffix) is None
    # The offset never picks a place whose context disagrees.
    other = "A preface of many words, then Litvinov."
    assert anchoring.locate(other, "Litvinov", "", "", other.index("Litvinov")) is None


def test_a_quote_at_the_start_that_gets_text_before_it_is_judged_on_both_sides():
    # One side intact, the other wholly new: no longer the same passage for sure.
    assert anchoring.locate("Preface. Litvinov said no.", "Litvinov", "", " said no.") is None
    corrected = anchoring.locate("Mr. Litvinov said no.", "Litvinov", "M. ", " said no.")
    assert corrected is not None and corrected.start == 4  # one side intact, one corrected
    assert anchoring.locate("Nothing left.", "Litvinov", "", "") is None


# --- properties ---------------------------------------------------------------------------

WORDS = (
    "Costa du Rels said the League Chaco and that no Bolivia Paraguay Geneva Council "
    "embargo arms delegate minister Secretary note reply Ambassador Litvinov Moscow"
)
VOCABULARY = [*WORDS.split(" "), "\n\n"]
# A few words, so that quotes and their contexts repeat as in formulaic telegrams.
REPETITIVE = st.lists(st.sampled_from(VOCABULARY[:6]), min_size=1, max_size=40).map(" ".join)
PROSE = st.lists(st.sampled_from(VOCABULARY), max_size=40).map(" ".join)
QUOTE = st.lists(st.sampled_from(VOCABULARY[:-1]), min_size=1, max_size=3).map(" ".join)


@st.composite
def any_passage(draw):
    """A body and an anchor on any passage of it, repeated or not (the importer's marks)."""
    body = draw(REPETITIVE)
    words = body.split(" ")
    first = draw(st.integers(0, len(words) - 1))
    last = draw(st.integers(first, min(len(words) - 1, first + 3)))
    start = len(" ".join(words[:first])) + (1 if first else 0)
    quote = " ".join(words[first : last + 1])
    return body, quote, anchoring.context_of(body, start, start + len(quote))


@st.composite
def editors_anchor(draw):
    """A body and an anchor as an editor makes one: the quote occurs once (``anchor_new``)."""
    before, quote, after = draw(PROSE), draw(QUOTE), draw(PROSE)
    body = " ".join(part for part in (before, quote, after) if part)
    assume(body.count(quote) == 1)
    return body, quote, anchoring.anchor_new(body, quote)


def original_places(body: str, new: str, anchor: anchoring.Anchor) -> set[int]:
    """Where the passage stands in ``new`` for every single insertion that makes it.

    One string can come from several insertions ("ab" + "ab" is "ab" put
    before or after); the anchor may follow any of them, but nothing else.
    """
    extra = len(new) - len(body)
    places = set()
    for at in range(len(body) + 1):
        if new[:at] != body[:at] or new[at + extra :] != body[at:]:
            continue
        if at <= anchor.start:
            places.add(anchor.start + extra)
        elif at >= anchor.end:
            places.add(anchor.start)
    return places


@settings(max_examples=400, deadline=None)
@given(any_passage())
def test_an_unchanged_body_keeps_every_anchor(case):
    body, quote, anchor = case
    assert anchoring.locate(body, quote, anchor.prefix, anchor.suffix, anchor.start) == anchor


@settings(max_examples=600, deadline=None)
@given(editors_anchor(), PROSE, st.data())
def test_inserting_text_elsewhere_never_moves_an_anchor_to_another_occurrence(
    case, inserted, data
):
    body, quote, anchor = case
    outside = [i for i in range(len(body) + 1) if i <= anchor.start or i >= anchor.end]
    at = data.draw(st.sampled_from(outside))
    new = body[:at] + inserted + body[at:]
    found = anchoring.locate(new, quote, anchor.prefix, anchor.suffix, anchor.start)
    assert found is None or found.start in original_places(body, new, anchor)
    if found is None:
        return
    assert new[found.start : found.end] == quote


@settings(max_examples=300, deadline=None)
@given(editors_anchor(), PROSE, st.data())
def test_text_inserted_far_from_the_passage_never_flags_it(case, inserted, data):
    """Far from the passage and without its words, an insertion changes nothing but offsets."""
    body, quote, anchor = case
    assume(quote not in inserted)
    far = [
        i
        for i in range(len(body) + 1)
        if i <= anchor.start - anchoring.CONTEXT or i >= anchor.end + anchoring.CONTEXT
    ]
    assume(far)
    at = data.draw(st.sampled_from(far))
    new = body[:at] + inserted + body[at:]
    assume(new.count(quote) == 1)
    found = anchoring.locate(new, quote, anchor.prefix, anchor.suffix, anchor.start)
    assert found is not None
    assert found.start == anchor.start + (len(inserted) if at <= anchor.start else 0)


# --- through the admin, as a browser posts the change form ---------------------------------


@pytest.fixture
def document(db, admin_user) -> Telegram:
    telegram = Telegram.objects.create(
        identifier="t-costa",
        kind="telegram",
        heading="Costa du Rels on the Chaco",
        body=f"{FIRST}\n\n{SECOND}\n\n{THIRD}",
    )
    return telegram


def errors(response) -> list:
    """The form's and every inline's errors, to say why a save was refused."""
    found = [response.context["adminform"].form.errors]
    for inline in response.context.get("inline_admin_formsets", []):
        found.append((inline.formset.prefix, inline.formset.errors))
    return found


def change(client, telegram: Telegram, body: str):
    url = reverse("admin:archive_telegram_change", args=[telegram.pk])
    data = form_data(client.get(url))
    data["body"] = body.replace("\n", "\r\n")  # a textarea, as browsers submit it
    response = client.post(url, data)
    assert response.status_code == 302, errors(response)
    telegram.refresh_from_db()
    return response


def test_defect_5_an_annotation_never_jumps_to_another_passage(admin_client, document):
    url = reverse("admin:archive_annotation_add")
    data = form_data(admin_client.get(url))
    data.update(
        telegram=document.pk,
        kind="note",
        quote="Costa du Rels",
        text="Adolfo Costa du Rels, Bolivian delegate.",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    note = Annotation.objects.get(telegram=document)

    # An editor adds the same words to another paragraph: the note stays put.
    change(admin_client, document, document.body.replace(SECOND, SECOND + OTHER))
    note.refresh_from_db()
    assert note.anchor_status == "anchored"
    assert document.body[note.start : note.end] == "Costa du Rels"
    assert "Bolivian delegate at Geneva, Mr. " in document.body[: note.start]
    before = (note.start, note.end, note.prefix, note.suffix)

    # The first passage is corrected: only the other sentence has the words now.
    change(admin_client, document, document.body.replace("Mr. Costa du", "Mr. Costa Du"))
    note.refresh_from_db()
    assert note.anchor_status == "needs_review"
    assert (note.start, note.end, note.prefix, note.suffix) == before
    assert document.body.count("Costa du Rels") == 1


def test_a_passage_is_never_found_inside_a_word():
    """Hypothesis found it: text glued before a quote made a new occurrence look better."""
    body = "du Secretary Secretary Secretary Costa Costa"
    anchor = anchoring.context_of(body, 3, 22)
    new = "duSecretary Secretary Secretary Secretary Costa Costa"
    found = anchoring.locate(new, "Secretary Secretary", anchor.prefix, anchor.suffix, 3)
    assert found is None or found.start == 12


def test_a_quote_that_overlaps_itself_is_flagged_not_moved():
    """Hypothesis found it too: in a run of repeated words, context cannot choose."""
    body = "\n\n Secretary Secretary Secretary Costa Costa"
    anchor = anchoring.context_of(body, 3, 22)
    new = "\n\nSecretary Secretary Secretary Secretary Costa Costa"
    found = anchoring.locate(new, "Secretary Secretary", anchor.prefix, anchor.suffix, 3)
    assert found is None or found.start == 12
