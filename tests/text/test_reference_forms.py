"""Every citation form FRUS prints, read into whose, kind, number, day and hour."""

from __future__ import annotations

from datetime import date

import pytest

from archive.text.references import cited_day, clock, find_references

FORMS = [
    # (sentence, quote, whose, possessor, kind, serial, day, hour)
    (
        "Reference Nanking’s 150, August 13, 2 p.m. The Ambassador left.",
        "Nanking’s 150, August 13, 2 p.m.", "other", "Nanking", "", "150", "August 13", "2 p.m.",
    ),
    (
        "Department’s telegram No. 63 of November 13, 7 p.m., has been received.",
        "Department’s telegram No. 63 of November 13, 7 p.m.",
        "department", "", "telegram", "63", "November 13", "7 p.m.",
    ),
    (
        "Please refer to despatch 2746, January 22, 1938, from Tokyo.",
        "despatch 2746, January 22, 1938", "", "", "despatch", "2746", "January 22, 1938", "",
    ),
    (
        "As stated in my telegram of August 26, 4 p.m., the troops withdrew.",
        "my telegram of August 26, 4 p.m.", "my", "", "telegram", "", "August 26", "4 p.m.",
    ),
    (
        "Shanghai’s May 30, noon. Fighting continues.",
        "Shanghai’s May 30, noon", "other", "Shanghai", "", "", "May 30", "noon",
    ),
    (
        "I have read your memorandum of December 15 with care.",
        "your memorandum of December 15", "your", "", "memorandum", "", "December 15", "",
    ),
    (
        "The telegram dated November 14 was delayed.",
        "telegram dated November 14", "", "", "telegram", "", "November 14", "",
    ),
    (
        "Department’s circular telegram December 8, 1 a.m. was repeated to all missions.",
        "Department’s circular telegram December 8, 1 a.m.",
        "department", "", "circular telegram", "", "December 8", "1 a.m.",
    ),
    (
        "Your 35 to London as I do not know the answer.",
        "Your 35", "your", "", "", "35", "", "",
    ),
    (
        "Sir Esme Howard’s note No. 63 of February 7, 1930, proposed it.",
        "Sir Esme Howard’s note No. 63 of February 7, 1930",
        "other", "Sir Esme Howard", "note", "63", "February 7, 1930", "",
    ),
    (
        "Embassy’s 1334, November 16, 10 a.m., reported it.",
        "Embassy’s 1334, November 16, 10 a.m.", "post", "", "", "1334", "November 16", "10 a.m.",
    ),
    (
        "Our document of June twenty-first was handed to him.",
        "Our document of June twenty-first", "my", "", "document", "", "June twenty-first", "",
    ),
    (
        "He had a telegram from Lamas dated Saturday night.",
        "telegram from Lamas dated Saturday night",
        "other", "Lamas", "telegram", "", "Saturday night", "",
    ),
    (
        "See my reply, no. 1294 of November 6, 2 p.m.",
        "my reply, no. 1294 of November 6, 2 p.m.",
        "my", "", "reply", "1294", "November 6", "2 p.m.",
    ),
]  # fmt: skip


@pytest.mark.parametrize("form", FORMS, ids=[f[1] for f in FORMS])
def test_each_citation_form(form):
    sentence, quote, whose, possessor, kind, serial, day, hour = form
    [reference] = find_references(sentence)
    assert (reference.quote, reference.whose, reference.possessor) == (quote, whose, possessor)
    assert (reference.kind, reference.serial) == (kind, serial)
    assert (reference.date_text, reference.time_text) == (day, hour)


def test_editorial_correction_gives_the_corrected_number():
    # FRUS editors print the number the document really bears in brackets
    # after a misprinted one: the bracket is the number to look for.
    [reference] = find_references("Tsingtao’s despatch No. 379 [369] of September 19 reports.")
    assert reference.quote == "Tsingtao’s despatch No. 379 [369] of September 19"
    assert (reference.possessor, reference.kind, reference.serial) == (
        "Tsingtao",
        "despatch",
        "369",
    )
    assert reference.date_text == "September 19"


def test_plural_list_gives_one_reference_each():
    first, second = find_references(
        "Embassy’s telegrams 756, November 30, noon, and 757, November 30, 3 p.m. were garbled."
    )
    assert (first.quote, first.serial, first.time_text) == (
        "Embassy’s telegrams 756, November 30, noon", "756", "noon",
    )  # fmt: skip
    assert (second.quote, second.serial, second.time_text) == (
        "757, November 30, 3 p.m.", "757", "3 p.m.",
    )  # fmt: skip
    assert first.whose == second.whose == "post"
    assert first.kind == second.kind == "telegram"


def test_list_without_and_keeps_its_possessor():
    refs = find_references("Your 194, March 6, 3 p.m., 195, March 7, 9 a.m. Stop.")
    assert [(r.serial, r.whose) for r in refs] == [("194", "your"), ("195", "your")]


def test_list_with_a_shared_day_gives_it_to_every_number():
    refs = find_references("your telegrams Nos. 756 and 757 of November 30.")
    assert [(r.serial, r.date_text) for r in refs] == [
        ("756", "November 30"), ("757", "November 30"),
    ]  # fmt: skip


def test_list_of_days():
    refs = find_references("my telegrams of August 26, 4 p.m., and August 27, noon, said so.")
    assert [(r.date_text, r.time_text) for r in refs] == [
        ("August 26", "4 p.m."),
        ("August 27", "noon"),
    ]


def test_author_named_after_the_day_is_the_possessor():
    [reference] = find_references("a telegram dated November 14 from the Consul at Tsinan says")
    assert (reference.whose, reference.possessor) == ("other", "Consul at Tsinan")


def test_your_excellency_is_the_recipient():
    [reference] = find_references("I have the honor to refer to Your Excellency’s note of May 3.")
    assert (reference.quote, reference.whose) == ("Your Excellency’s note of May 3", "your")


@pytest.mark.parametrize(
    "sentence",
    [
        "Japan’s 15 divisions crossed the river on May 3.",  # a named possessor needs a day
        "the memorandum which I left with him yesterday",  # the day belongs to the verb
        "my conversation with Hawkins of May 10",  # conversations are not communications
        "The New York Times of January 8 printed it.",
        "your reference telegram and my note in reply",  # no number and no day
        "the letter of credence was presented",
        "On Sunday he received a telegram.",
        "a document of 1935",  # a bare document is not a communication cited
        "my October 17 visit",  # a bare day after a possessor needs its hour
        "Your Excellency will appreciate these considerations.",
    ],
)
def test_phrases_that_are_not_references(sentence):
    assert find_references(sentence) == []


def test_footnote_markers_are_ignored():
    [reference] = find_references("Your 107[^5], October 18, noon.")
    assert reference.quote == "Your 107, October 18, noon"


def test_long_paragraph_of_numbers_is_read():
    text = "your 1, " * 20_000 + "end"
    assert len(find_references(text)) >= 1


@pytest.mark.parametrize(
    ("printed", "written", "day"),
    [
        ("December 30", date(1937, 1, 5), date(1936, 12, 30)),  # last year's
        ("January 5", date(1937, 1, 5), date(1937, 1, 5)),  # the same day
        ("January 22, 1938", date(1937, 1, 5), date(1938, 1, 22)),  # a printed year wins
        ("June twenty-first", date(1941, 11, 27), date(1941, 6, 21)),
        ("yesterday", date(1934, 10, 3), date(1934, 10, 2)),
        ("Saturday night", date(1934, 10, 3), date(1934, 9, 29)),  # a Wednesday
        ("February 29", date(1937, 3, 1), date(1936, 2, 29)),
        ("May 30", None, None),  # no citing date, no year
        ("May 30, 1937", None, date(1937, 5, 30)),
    ],
)
def test_cited_day_infers_the_year(printed, written, day):
    assert cited_day(printed, written) == day


def test_clock_reads_the_hour():
    assert clock("2 p.m.") == (14, 0)
    assert clock("12:30 a.m.") == (0, 30)
    assert clock("noon") == clock("noon.") == (12, 0)
    assert clock("10:30 p. m.") == (22, 30)
    assert clock("") is None
