"""Word-level differences for the history pages (archive.diffing, no database)."""

from __future__ import annotations

from archive import diffing
from archive.models import Annotation, Telegram

LONG = " ".join(f"word{i}" for i in range(200))


def test_only_the_changed_words_with_a_little_context():
    new = LONG.replace("word120", "changed")
    segments = diffing.word_diff(LONG, new, context=3)
    kinds = [s.kind for s in segments]
    assert kinds == ["gap", "same", "del", "ins", "same", "gap"]
    assert segments[1].text == "word117 word118 word119 "
    assert segments[2].text.strip() == "word120" and segments[3].text.strip() == "changed"
    assert segments[4].text == "word121 word122 word123 "


def test_a_change_near_the_start_keeps_the_beginning():
    new = LONG.replace("word1 ", "first ", 1)
    html = diffing.render_word_diff(LONG, new)
    assert html.startswith("word0 <del>word1 </del><ins>first </ins>word2")
    assert "word150" not in html and "…" in html


def test_the_diff_is_escaped():
    html = diffing.render_word_diff("a <b> c", "a <script>x</script> c")
    assert "<script>" not in html
    assert "<del>&lt;b&gt; </del><ins>&lt;script&gt;x&lt;/script&gt; </ins>" in html


def test_line_endings_and_spacing_alone_are_no_change():
    assert (
        diffing.render_word_diff("one\ntwo", "one\r\ntwo") == "only spacing or line breaks changed"
    )


def test_added_and_removed_text_and_empty_values():
    assert diffing.render_word_diff("", "A new note.") == "<ins>A new note.</ins>"
    assert diffing.render_word_diff("Old note.", "") == "<del>Old note.</del>"
    assert diffing.render_word_diff("", "") == diffing.EMPTY
    assert diffing.display_value(None) == "(empty)"
    assert diffing.display_value([]) == "(empty)"
    assert diffing.display_value(["a", "b"]) == "a, b"
    assert diffing.display_value(True) == "yes"


def test_labels_are_the_ones_editors_know():
    assert diffing.field_label(Telegram, "decimal_status") == "File number reading"
    assert diffing.field_label(Telegram, "date_earliest") == "Date earliest"
    assert diffing.field_label(Telegram, "review_status") == "Review status"
    assert diffing.field_label(Annotation, "prefix") == "Words before the quote"
    assert {"protected_fields", "version", "start", "end"} <= diffing.HIDDEN_FIELDS
    assert diffing.is_long_text(Telegram, "body") and diffing.is_long_text(Telegram, "notes")
    assert not diffing.is_long_text(Telegram, "heading")
