"""Resolving references by post, kind, number, day and hour, on small built archives."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from archive.linking import threads
from archive.models import MentionStatus, Telegram, TelegramReference
from archive.text.dates import date_bounds

pytestmark = pytest.mark.django_db
_ids = itertools.count()


def document(
    sender: str,
    recipient: str,
    dateline: str,
    *,
    serial: str = "",
    kind: str = "telegram",
    body: str = "Text.",
    heading: str = "",
) -> Telegram:
    """A document as the importer saves it, with its references extracted."""
    _, _, date_text = dateline.partition(", ")
    earliest, latest = date_bounds(date_text)
    telegram = Telegram.objects.create(
        identifier=f"doc-{next(_ids)}",
        heading=heading or f"The {sender} to the {recipient}",
        kind=kind,
        sender_role=sender,
        recipient_role=recipient,
        serial_number=serial,
        dateline=dateline,
        date_text=date_text,
        date_earliest=earliest,
        date_latest=latest,
        body=body,
    )
    TelegramReference.objects.bulk_create(threads.extract(telegram))
    return telegram


def reference(source: Telegram) -> TelegramReference:
    [found] = TelegramReference.objects.filter(source=source)
    return found


SECRETARY = "Secretary of State"
CHINA = "Ambassador in China"


def test_my_is_the_senders_post_even_under_another_officer():
    # Numbers run per post: the Chargé cites his Ambassador's series as "my".
    earlier = document(CHINA, SECRETARY, "Nanking, August 13, 1937—2 p.m.", serial="150")
    document("Consul General at Shanghai", SECRETARY, "Shanghai, August 13, 1937—2 p.m.",
             serial="150")  # fmt: skip
    citing = document("Chargé in China", SECRETARY, "Nanking, August 15, 1937—noon.",
                      body="My 150, August 13, 2 p.m. Still fighting.")  # fmt: skip
    threads.resolve()
    assert reference(citing).target == earlier


def test_your_is_the_recipients_post():
    cited = document(CHINA, SECRETARY, "Nanking, August 13, 1937—2 p.m.", serial="150")
    document(SECRETARY, CHINA, "Washington, August 13, 1937—2 p.m.", serial="150")
    citing = document(SECRETARY, CHINA, "Washington, August 14, 1937—6 p.m.",
                      body="Your 150, August 13, 2 p.m. Approved.")  # fmt: skip
    threads.resolve()
    found = reference(citing)
    assert found.target == cited
    assert found.kind == TelegramReference.Kind.REPLIES_TO


def test_named_post_is_the_post_at_that_city():
    cited = document("Consul General at Shanghai", SECRETARY, "Shanghai, May 30, 1937—noon.")
    document(CHINA, SECRETARY, "Nanking, May 30, 1937—noon.")
    citing = document(CHINA, SECRETARY, "Nanking, June 1, 1937—4 p.m.",
                      body="Shanghai’s May 30, noon. Quiet.")  # fmt: skip
    threads.resolve()
    found = reference(citing)
    assert (found.possessor, found.target) == ("Shanghai", cited)


def test_named_post_by_the_dateline_of_the_mission():
    cited = document(CHINA, SECRETARY, "Nanking, August 13, 1937—2 p.m.", serial="150")
    document(CHINA, SECRETARY, "Peiping, August 13, 1937—2 p.m.", serial="150")
    citing = document("Consul General at Shanghai", SECRETARY, "Shanghai, August 14, 1937.",
                      body="Reference Nanking’s 150, August 13, 2 p.m.")  # fmt: skip
    threads.resolve()
    assert reference(citing).target == cited


def test_department_is_the_departments_series_to_this_post():
    cited = document(SECRETARY, CHINA, "Washington, November 13, 1937—7 p.m.", serial="63")
    document(SECRETARY, "Ambassador in Japan", "Washington, November 13, 1937—7 p.m.", serial="63")
    citing = document(CHINA, SECRETARY, "Nanking, November 15, 1937.",
                      body="Department’s telegram No. 63 of November 13, 7 p.m.")  # fmt: skip
    threads.resolve()
    assert reference(citing).target == cited


def test_circular_telegram_goes_to_any_post():
    cited = document(SECRETARY, "Ambassador in Japan", "Washington, December 8, 1937—1 a.m.")
    citing = document(CHINA, SECRETARY, "Nanking, December 9, 1937.",
                      body="Department’s circular telegram December 8, 1 a.m. came.")  # fmt: skip
    threads.resolve()
    assert reference(citing).target == cited


def test_kind_keeps_series_apart():
    # A post numbers its despatches and its telegrams in two series.
    document(CHINA, SECRETARY, "Nanking, January 22, 1938—5 p.m.", serial="2746")
    despatch = document(CHINA, SECRETARY, "Nanking, January 22, 1938.", serial="2746",
                        kind="despatch")  # fmt: skip
    citing = document(SECRETARY, CHINA, "Washington, March 2, 1938.", kind="despatch",
                      body="Reference is made to despatch 2746, January 22, 1938.")  # fmt: skip
    threads.resolve()
    assert reference(citing).target == despatch


def test_hour_tells_two_telegrams_of_one_day_apart():
    document(CHINA, SECRETARY, "Nanking, August 26, 1937—noon.")
    afternoon = document(CHINA, SECRETARY, "Nanking, August 26, 1937—4 p.m.")
    citing = document(CHINA, SECRETARY, "Nanking, August 27, 1937.",
                      body="My telegram of August 26, 4 p.m., was garbled.")  # fmt: skip
    threads.resolve()
    assert reference(citing).target == afternoon


def test_year_is_the_latest_not_after_the_citing_document():
    document(CHINA, SECRETARY, "Nanking, December 30, 1937.", serial="9")
    last_year = document(CHINA, SECRETARY, "Nanking, December 30, 1936.", serial="9")
    citing = document(CHINA, SECRETARY, "Nanking, January 5, 1937.",
                      body="My 9, December 30, said so.")  # fmt: skip
    threads.resolve()
    found = reference(citing)
    assert found.cited_on == date(1936, 12, 30)
    assert found.target == last_year


def test_memorandum_by_day_and_the_recipients_post():
    cited = document("Chief of the Division of Far Eastern Affairs", "Secretary of State",
                     "Washington, December 15, 1937.", kind="memorandum")  # fmt: skip
    citing = document(SECRETARY, "Chief of the Division of Far Eastern Affairs",
                      "Washington, December 17, 1937.", kind="memorandum",
                      body="I have read your memorandum of December 15.")  # fmt: skip
    threads.resolve()
    assert reference(citing).target == cited


def test_without_possessor_or_number_a_single_fit_is_only_offered():
    cited = document(SECRETARY, CHINA, "Washington, November 14, 1937—6 p.m.")
    document(SECRETARY, "Ambassador in Japan", "Washington, November 14, 1937—6 p.m.")
    citing = document(CHINA, SECRETARY, "Nanking, November 20, 1937.",
                      body="The telegram dated November 14 was delayed.")  # fmt: skip
    threads.resolve()
    found = reference(citing)
    # Either side of this exchange, not another post's.
    assert (found.target, list(found.candidates.all())) == (None, [cited])


def test_without_possessor_a_number_and_day_link():
    cited = document(CHINA, SECRETARY, "Nanking, January 22, 1938.", serial="2746",
                     kind="despatch")  # fmt: skip
    citing = document(SECRETARY, CHINA, "Washington, March 2, 1938.", kind="despatch",
                      body="Reference is made to despatch 2746, January 22, 1938.")  # fmt: skip
    threads.resolve()
    assert reference(citing).target == cited


def test_editorial_correction_finds_the_corrected_number():
    cited = document("Consul at Tsingtao", SECRETARY, "Tsingtao, September 19, 1937.",
                     serial="369", kind="despatch")  # fmt: skip
    document("Consul at Tsingtao", SECRETARY, "Tsingtao, September 19, 1937.", serial="379",
             kind="despatch")  # fmt: skip
    citing = document(CHINA, SECRETARY, "Nanking, October 2, 1937.",
                      body="Tsingtao’s despatch No. 379 [369] of September 19 says.")  # fmt: skip
    threads.resolve()
    assert reference(citing).target == cited


def test_plural_list_links_each():
    first = document("Counselor of Embassy in China", SECRETARY,
                     "Nanking, November 30, 1937—noon.", serial="756")  # fmt: skip
    second = document(CHINA, SECRETARY, "Nanking, November 30, 1937—3 p.m.", serial="757")
    citing = document(SECRETARY, CHINA, "Washington, December 1, 1937.",
                      body="Embassy’s telegrams 756, November 30, noon, and 757, November 30, "
                      "3 p.m. Approved.")  # fmt: skip
    threads.resolve()
    targets = TelegramReference.objects.filter(source=citing).order_by("serial")
    assert [r.target for r in targets] == [first, second]


def test_several_fits_stay_unresolved_with_candidates():
    # Two numberless telegrams of one day from the post, and no hour cited.
    one = document("Consul General at Shanghai", SECRETARY, "Shanghai, May 30, 1937—noon.")
    two = document("Consul General at Shanghai", SECRETARY, "Shanghai, May 30, 1937—6 p.m.")
    citing = document(CHINA, SECRETARY, "Nanking, June 1, 1937.",
                      body="Shanghai’s telegram of May 30 reports the same.")  # fmt: skip
    threads.resolve()
    found = reference(citing)
    assert found.target is None
    assert set(found.candidates.all()) == {one, two}


def test_candidates_give_way_when_the_editor_decides():
    document("Consul General at Shanghai", SECRETARY, "Shanghai, May 30, 1937—noon.")
    document("Consul General at Shanghai", SECRETARY, "Shanghai, May 30, 1937—6 p.m.")
    citing = document(CHINA, SECRETARY, "Nanking, June 1, 1937.",
                      body="Shanghai’s telegram of May 30 reports the same.")  # fmt: skip
    threads.resolve()
    found = reference(citing)
    found.status = MentionStatus.REJECTED
    found.save()
    # A third fit arrives: a decided reference is not the machine's any more.
    document("Consul General at Shanghai", SECRETARY, "Shanghai, May 30, 1937—9 p.m.")
    threads.resolve()
    assert reference(citing).candidates.count() == 2


def test_unknown_day_does_not_link_a_reference_by_day_alone():
    document("Consul at Porto Alegre", SECRETARY, "")  # no dateline printed
    citing = document(SECRETARY, "Consul at Porto Alegre", "Washington, October 20, 1930—2 p.m.",
                      body="Your October 17th, 4 p.m. Done.")  # fmt: skip
    threads.resolve()
    assert reference(citing).target is None


def test_day_alone_links_when_its_document_arrives_in_a_later_run():
    citing = document(CHINA, SECRETARY, "Nanking, June 1, 1937.",
                      body="Shanghai’s May 30, noon. Quiet.")  # fmt: skip
    assert threads.resolve(set(), days={citing.date_earliest}) == 0
    cited = document("Consul General at Shanghai", SECRETARY, "Shanghai, May 30, 1937—noon.")
    assert threads.resolve(set(), days={cited.date_earliest}) == 1
    assert reference(citing).target == cited


def test_a_run_committing_in_between_does_not_break_resolve(monkeypatch):
    """Issue 12: another import commits a document and its references mid-run."""
    document(CHINA, SECRETARY, "Nanking, August 13, 1937—2 p.m.", serial="150")
    citing = document(CHINA, SECRETARY, "Nanking, August 15, 1937.",
                      body="My 150, August 13, 2 p.m.")  # fmt: skip
    real = threads._documents
    late = []

    def other_run_commits(condition):
        if not late:
            late.append(document(CHINA, SECRETARY, "Nanking, August 16, 1937.",
                                 body="My 150, August 13, 2 p.m., again."))  # fmt: skip
        return real(condition)

    monkeypatch.setattr(threads, "_documents", other_run_commits)
    threads.resolve()
    assert reference(citing).target is not None
    threads.resolve()  # the other run's own resolve
    assert reference(late[0]).target == reference(citing).target


def test_editor_decision_made_while_resolving_is_kept(monkeypatch):
    document(CHINA, SECRETARY, "Nanking, August 13, 1937—2 p.m.", serial="150")
    citing = document(CHINA, SECRETARY, "Nanking, August 15, 1937.",
                      body="My 150, August 13, 2 p.m.")  # fmt: skip
    real = threads._documents

    def editor_rejects(condition):
        TelegramReference.objects.filter(source=citing).update(status=MentionStatus.REJECTED)
        return real(condition)

    monkeypatch.setattr(threads, "_documents", editor_rejects)
    assert threads.resolve() == 0
    assert reference(citing).target is None


def test_no_query_per_reference(django_assert_max_num_queries):
    for n in range(30):
        document(CHINA, SECRETARY, f"Nanking, August {n + 1}, 1937—2 p.m.", serial=str(100 + n))
    for n in range(30):
        document(CHINA, SECRETARY, "Nanking, September 2, 1937.",
                 body=f"My {100 + n}, August {n + 1}, 2 p.m.")  # fmt: skip
    with django_assert_max_num_queries(12):
        assert threads.resolve() == 30
