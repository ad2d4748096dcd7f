"""Who held an office on a day: certain days only, and titled posts under the plain title."""

from __future__ import annotations

from datetime import date

from archive.linking.offices import OfficeIndex, Tenure


def test_a_holding_without_an_end_certainly_covers_only_its_first_day():
    # POCOM leaves an end blank where it does not know it; every holding of
    # the period has ended, so the blank is not "still in office".
    tenure = Tenure(1, "chargé|belgium", date(1940, 11, 1), None)
    assert tenure.covers(date(1940, 11, 1), date(1940, 11, 1))
    assert not tenure.covers(date(1945, 1, 1), date(1945, 1, 1))
    without_start = Tenure(2, "counselor", None, date(1937, 6, 30))
    assert without_start.covers(date(1937, 6, 30), date(1937, 6, 30))
    assert not without_start.covers(date(1936, 1, 1), date(1936, 1, 1))
    assert not Tenure(3, "counselor", None, None).covers(date(1936, 1, 1), date(1936, 1, 1))


def test_two_open_ended_holders_do_not_share_every_later_day():
    index = OfficeIndex()
    index.add(1, "Chief of Protocol", date(1938, 7, 29), None)
    index.add(2, "Chief of Protocol", date(1944, 1, 15), None)
    assert index.holders("the Chief of Protocol", date(1945, 3, 1)) == set()
    assert index.holders("the Chief of Protocol", date(1944, 1, 15)) == {2}
    assert index.holders("the Chief of Protocol") == {1, 2}  # undated: any of them


def test_the_plain_title_reaches_the_titled_posts_when_no_plain_holder_fits():
    index = OfficeIndex()
    index.add(1, "Assistant Secretary of State", date(1941, 2, 1), None)  # Acheson
    index.add(2, "Assistant Secretary of State", date(1939, 1, 1), date(1947, 6, 30))
    index.add(3, "Assistant Secretary of State for Administration", date(1945, 8, 24), None)
    economic = "Assistant Secretary of State for Economic Affairs"
    index.add(4, economic, date(1944, 12, 20), date(1946, 8, 17))
    day, plain = date(1946, 5, 23), "the Assistant Secretary of State"
    # A plain holder that day: the plain title means him.
    assert index.holders(plain, day) == {2}
    # The printed name fits none of the plain holders: the titled posts are read.
    assert index.holders(plain, day, accept=lambda pk: pk == 4) == {4}
    assert index.holders(plain, day, accept=lambda pk: pk == 9) == set()


def test_the_department_officers_of_a_day_are_its_offices_holders_not_posts_abroad():
    index = OfficeIndex()
    index.add(1, "Under Secretary of State", date(1937, 7, 1), date(1940, 1, 1))
    index.add(2, "Assistant Secretary of State", date(1939, 1, 1), date(1947, 6, 30))
    index.add(3, "Ambassador in Japan", date(1932, 6, 6), date(1941, 12, 8))
    index.add(4, "Counselor", date(1937, 7, 1), date(1937, 7, 1))
    assert index.department_officers(date(1939, 6, 1)) == {1, 2}
    assert index.department_officers(date(1937, 7, 1)) == {1, 4}
    assert index.department_officers(date(1939, 6, 1), date(1940, 6, 1)) == {2}
    assert index.department_officers(None) == {1, 2, 4}  # undated: every day counts
