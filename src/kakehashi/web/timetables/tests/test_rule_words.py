"""Every kind of broken rule in plain words, in English and in Japanese: names instead of ids, days and
limits as a coordinator says them, never the checker's "rule 6:" or a field name like max_schools_per_day."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from kakehashi.timetable.check import KINDS, Violation
from kakehashi.timetable.cycle.check import CYCLE_KINDS
from kakehashi.timetable.explain import REASON_KINDS, UncoveredClass
from kakehashi.web.timetables.rule_words import LessonName, Names, reason_sentence, sentence

NAMES = Names(
    alts={"A01": "Anh Nguyen", "A02": "Ben Ito"},
    schools={"S01": "Kita ES", "S02": "Minami JHS"},
    lessons={
        "S01/2-1/thu/3": LessonName("S01", "2-1", "thu", "3"),
        "S02/1-2/thu/3": LessonName("S02", "1-2", "thu", "3"),
    },
)
THU_3 = "S01/2-1/thu/3"
OTHER = "S02/1-2/thu/3"
AT_KITA = {"alt": "A01", "school": "S01", "day": "mon"}

# kind, parts, English, Japanese
CASES: list[tuple[str, dict[str, Any], str, str]] = [
    ("lesson_has_several_alts", {"lesson": THU_3, "alts": ["A01", "A02"], "count": 2, "limit": 1},
     "class 2-1 at Kita ES, Thursday period 3 has 2 ALTs (Anh Nguyen, Ben Ito), but a lesson takes one ALT.",
     "Kita ES 2-1・木曜日3時限に ALT が2人（Anh Nguyen、Ben Ito）入っていますが、1つの授業に入れる ALT は1人です。"),
    ("lesson_without_visit", {"alt": "A01", "lesson": THU_3, "school": "S01", "day": "thu"},
     "Anh Nguyen joins class 2-1 at Kita ES, Thursday period 3, but does not visit Kita ES on Thursday.",
     "Anh NguyenさんはKita ES 2-1・木曜日3時限に入っていますが、木曜日にKita ESを訪問しません。"),
    ("school_of_another_level", {**AT_KITA, "level": "elementary", "levels": ["junior_high"]},
     "Anh Nguyen visits Kita ES on Monday, but does not teach at this kind of school (elementary school).",
     "Anh Nguyenさんは月曜日にKita ESを訪問しますが、この種類の学校（小学校）では教えません。"),
    ("school_not_on_their_list", AT_KITA,
     "Anh Nguyen visits Kita ES on Monday, which is not one of their schools.",
     "Anh Nguyenさんは月曜日にKita ESを訪問しますが、担当校ではありません。"),
    ("forbidden_school", AT_KITA,
     "Anh Nguyen visits Kita ES on Monday, but may not visit that school.",
     "Anh Nguyenさんは月曜日にKita ESを訪問しますが、この学校への訪問は認められていません。"),
    ("day_outside_the_week", {**AT_KITA, "day": "sun"},
     "Anh Nguyen visits Kita ES on Sunday, which is not a school day of this week.",
     "Anh Nguyenさんは日曜日にKita ESを訪問しますが、日曜日はこの週の授業日ではありません。"),
    ("unavailable_day", AT_KITA,
     "Anh Nguyen visits Kita ES on Monday, a day they cannot work.",
     "Anh Nguyenさんは月曜日に勤務できませんが、Kita ESを訪問しています。"),
    ("lessons_at_once", {"alt": "A01", "day": "thu", "lesson": THU_3, "other": OTHER},
     "Anh Nguyen has two lessons at the same time: class 2-1 at Kita ES, Thursday period 3 and class 1-2 at "
     "Minami JHS, Thursday period 3.",
     "Anh Nguyenさんに同じ時間の授業が2つあります：Kita ES 2-1・木曜日3時限とMinami JHS 1-2・木曜日3時限。"),
    ("too_many_schools_a_day", {"alt": "A01", "day": "mon", "schools": ["S01", "S02"], "count": 2, "limit": 1},
     "Anh Nguyen visits 2 schools on Monday (Kita ES, Minami JHS), but may visit only 1 a day.",
     "Anh Nguyenさんは月曜日に2校（Kita ES、Minami JHS）を訪問しますが、1日に訪問できるのは1校までです。"),
    ("no_lesson_at_one_of_two_schools", {"alt": "A01", "day": "mon", "school": "S02", "schools": ["S01", "S02"]},
     "Anh Nguyen visits two schools on Monday, but has no lesson at Minami JHS; on a two-school day each school "
     "needs a lesson.",
     "Anh Nguyenさんは月曜日に2校を訪問しますが、Minami JHSでの授業がありません。2校を訪問する日は、どちらの学校でも"
     "授業が必要です。"),
    ("lessons_interleave_at_two_schools", {"alt": "A01", "day": "thu", "lesson": OTHER, "other": THU_3},
     "Anh Nguyen cannot be in two places: class 1-2 at Minami JHS, Thursday period 3 starts before class 2-1 at "
     "Kita ES, Thursday period 3 ends.",
     "Anh Nguyenさんは同時に2か所にはいられません：Kita ES 2-1・木曜日3時限が終わる前にMinami JHS 1-2・木曜日3時限が"
     "始まります。"),
    ("too_little_time_to_travel",
     {"alt": "A01", "day": "mon", "school": "S01", "other": "S02", "count": 5, "limit": 20},
     "Anh Nguyen has 5 minutes on Monday to get from Kita ES to Minami JHS, but the journey takes 20 minutes.",
     "Anh Nguyenさんが月曜日にKita ESからMinami JHSへ移動できる時間は5分ですが、移動には20分かかります。"),
    ("too_many_lessons_a_day", {"alt": "A01", "day": "mon", "count": 7, "limit": 6},
     "Anh Nguyen has 7 lessons on Monday, but may teach only 6 a day.",
     "Anh Nguyenさんは月曜日に7コマの授業がありますが、1日に担当できるのは6コマまでです。"),
    ("too_many_lessons_a_week", {"alt": "A01", "count": 30, "limit": 25},
     "Anh Nguyen has 30 lessons this week, but may teach only 25 a week.",
     "Anh Nguyenさんはこの週に30コマの授業がありますが、1週に担当できるのは25コマまでです。"),
    ("too_many_schools_a_week", {"alt": "A01", "schools": ["S01", "S02"], "count": 2, "limit": 1},
     "Anh Nguyen visits 2 schools this week (Kita ES, Minami JHS), but may visit only 1.",
     "Anh Nguyenさんはこの週に2校（Kita ES、Minami JHS）を訪問しますが、訪問できるのは1校までです。"),
    ("commute_too_long", {"alt": "A01", "school": "S02", "count": 75, "limit": 60},
     "Anh Nguyen would need 75 minutes to get from home to Minami JHS, but may commute 60 minutes at most.",
     "Anh Nguyenさんの自宅からMinami JHSまでは75分かかりますが、通勤時間は60分までです。"),
    ("too_few_alt_days", {"school": "S01", "count": 1, "limit": 2},
     "Kita ES gets 1 ALT day this week, fewer than the 2 its contract asks for.",
     "Kita ESのこの週の ALT 訪問日数は1日で、契約の2日に足りません。"),
    ("too_many_alt_days", {"school": "S01", "count": 4, "limit": 3},
     "Kita ES gets 4 ALT days this week, more than the 3 its contract allows.",
     "Kita ESのこの週の ALT 訪問日数は4日で、契約の上限3日を超えています。"),
    ("too_many_alts_at_a_school", {"school": "S01", "alts": ["A01", "A02"], "count": 2, "limit": 1},
     "Kita ES is visited by 2 ALTs (Anh Nguyen, Ben Ito), but takes at most 1.",
     "Kita ESを ALT 2人（Anh Nguyen、Ben Ito）が訪問しますが、受け入れは1人までです。"),
    ("fixed_visit_missing", AT_KITA,
     "Anh Nguyen must visit Kita ES on Monday (a fixed visit), but does not.",
     "Anh Nguyenさんは月曜日にKita ESを訪問すると決まっていますが、訪問していません。"),
    ("unknown_alt", {"alt": "A09"},
     "The timetable names an ALT who is not in this program (A09).",
     "時間割に、このプログラムにいない ALT（A09）が含まれています。"),
    ("unknown_school", {"school": "S09"},
     "The timetable names a school that is not in this program (S09).",
     "時間割に、このプログラムにない学校（S09）が含まれています。"),
    ("unknown_lesson", {"lesson": "S01/9-9/mon/1"},
     "The timetable names a lesson that is in no school's timetable (S01/9-9/mon/1).",
     "時間割に、どの学校の時間割にもない授業（S01/9-9/mon/1）が含まれています。"),
    ("visit_listed_twice", {**AT_KITA, "count": 2},
     "The visit of Anh Nguyen to Kita ES on Monday is listed 2 times.",
     "Anh Nguyenさんの月曜日のKita ES訪問が2回記載されています。"),
    ("lesson_listed_twice", {"alt": "A01", "lesson": THU_3, "count": 2},
     "Anh Nguyen in class 2-1 at Kita ES, Thursday period 3 is listed 2 times.",
     "Kita ES 2-1・木曜日3時限のAnh Nguyenさんが2回記載されています。"),
    # the kinds a rotation adds
    ("too_few_alt_days_in_cycle", {"school": "S01", "count": 3, "limit": 4},
     "Kita ES gets 3 ALT days over the rotation, fewer than the 4 its contract asks for.",
     "Kita ESのローテーション1周の ALT 訪問日数は3日で、契約の4日に足りません。"),
    ("too_many_alt_days_in_cycle", {"school": "S01", "count": 5, "limit": 4},
     "Kita ES gets 5 ALT days over the rotation, more than the 4 its contract allows.",
     "Kita ESのローテーション1周の ALT 訪問日数は5日で、契約の上限4日を超えています。"),
    ("too_many_alts_in_cycle", {"school": "S01", "alts": ["A01", "A02"], "count": 2, "limit": 1},
     "Kita ES is visited by 2 ALTs over the rotation (Anh Nguyen, Ben Ito), but takes at most 1.",
     "Kita ESをローテーション1周で ALT 2人（Anh Nguyen、Ben Ito）が訪問しますが、受け入れは1人までです。"),
    ("week_outside_the_cycle", {"alt": "A01", "school": "S01", "week": 3, "limit": 2},
     "The timetable puts a visit of Anh Nguyen to Kita ES in week 3, but the rotation has 2 weeks.",
     "時間割でAnh NguyenさんのKita ES訪問が第3週に入っていますが、ローテーションは2週です。"),
    ("lesson_not_held_that_week", {"alt": "A01", "lesson": THU_3, "week": 2},
     "Anh Nguyen joins class 2-1 at Kita ES, Thursday period 3 in week B, but that class is not held in week B.",
     "Anh NguyenさんはB週にKita ES 2-1・木曜日3時限に入っていますが、この授業はB週にはありません。"),
]

INTERNAL = ("rule ", "max_", "visit_days", "classes_per_week", "S01", "A01", "/thu/")


EVERY_KIND = {**KINDS, **CYCLE_KINDS}


def violation(kind: str, parts: dict[str, Any]) -> Violation:
    return Violation(EVERY_KIND[kind], f"rule {EVERY_KIND[kind]}: the checker's own sentence", kind, parts)


def test_every_kind_the_checkers_know_is_worded_here_a_rotations_too() -> None:
    assert sorted(kind for kind, *_ in CASES) == sorted(EVERY_KIND)


@pytest.mark.parametrize(("kind", "parts", "english", "japanese"), CASES, ids=[case[0] for case in CASES])
def test_each_kind_of_broken_rule_reads_as_a_plain_sentence_in_english_and_japanese(
    kind: str, parts: dict[str, Any], english: str, japanese: str
) -> None:
    broken = violation(kind, parts)
    with translation.override("en"):
        said_in_english = sentence(broken, NAMES)
    with translation.override("ja"):
        said_in_japanese = sentence(broken, NAMES)
    assert (said_in_english, said_in_japanese) == (english, japanese)
    if not kind.startswith("unknown_"):  # an unknown id has no name: the id is all there is to show
        assert not any(word in said for said in (said_in_english, said_in_japanese) for word in INTERNAL)


def test_a_weeks_rule_broken_in_one_week_of_a_rotation_names_the_week() -> None:
    broken = violation("too_many_lessons_a_day", {"alt": "A01", "day": "mon", "count": 7, "limit": 6, "week": 2})
    with translation.override("en"):
        assert sentence(broken, NAMES) == "In week B: Anh Nguyen has 7 lessons on Monday, but may teach only 6 a day."
    with translation.override("ja"):
        said = sentence(broken, NAMES)
    assert said == "B週：Anh Nguyenさんは月曜日に7コマの授業がありますが、1日に担当できるのは6コマまでです。"


def test_a_kind_not_known_here_falls_back_to_the_checkers_sentence() -> None:
    assert sentence(Violation(3, "rule 3: something new.", "something_new", {}), NAMES) == "rule 3: something new."


# -- why a class has no ALT (the core's explain), the same way ---------------------------------------

REASONS: list[tuple[str, dict[str, Any], str, str]] = [
    ("no_eligible_alt", {"level": "junior_high"},
     "No ALT who teaches at this kind of school (junior high school) lives within commuting distance.",
     "この種類の学校（中学校）を担当でき、通勤圏内に住む ALT がいません。"),
    ("contract_limit", {"days": ["mon", "thu"], "limit": 2},
     "The school already has the most ALT days its contract allows (2), none of them on this class's days "
     "(Monday, Thursday).",
     "この学校は契約上の ALT 訪問日数の上限（2日）に達しており、このクラスの授業の曜日（月曜日、木曜日）には訪問が"
     "ありません。"),
    ("no_alt_available", {"days": ["fri"]},
     "No ALT who could come works on this class's days (Friday).",
     "このクラスの授業の曜日（金曜日）に勤務できる ALT がいません。"),
    ("no_visit_those_days", {"days": ["tue"], "count": 3},
     "No ALT visits on this class's days (Tuesday): the ALTs who could come were needed more at other schools.",
     "このクラスの授業の曜日（火曜日）に ALT の訪問がありません。来られる ALT は、その曜日は他の学校でより必要と"
     "されました。"),
    ("clash", {"alt": "A01", "day": "thu", "lesson": OTHER, "other": THU_3},
     "Anh Nguyen was at the school on Thursday, but teaches class 2-1 at Kita ES, Thursday period 3 at the same "
     "time.",
     "Anh Nguyenさんは木曜日に学校にいましたが、同じ時間にKita ES 2-1・木曜日3時限を担当しています。"),
    ("daily_cap", {"alt": "A01", "day": "thu", "count": 6, "limit": 6},
     "Anh Nguyen was at the school on Thursday, but already teaches their most lessons for a day (6).",
     "Anh Nguyenさんは木曜日に学校にいましたが、その日はすでに1日の上限（6コマ）を担当しています。"),
    ("weekly_cap", {"alt": "A01", "day": "thu", "limit": 25},
     "Anh Nguyen was at the school on Thursday, but already teaches their most lessons for the week (25).",
     "Anh Nguyenさんは木曜日に学校にいましたが、今週はすでに1週の上限（25コマ）を担当しています。"),
    ("two_school_day", {"alt": "A01", "day": "thu", "lesson": THU_3},
     "Anh Nguyen visits two schools on Thursday and is not at this one at the time of class 2-1 at Kita ES, "
     "Thursday period 3.",
     "Anh Nguyenさんは木曜日に2校を回るため、Kita ES 2-1・木曜日3時限の時間にはこの学校にいません。"),
    ("other_classes_first", {},
     "An ALT was at the school on this class's days, but their lessons went to other classes, so that ALT time "
     "is spread over all classes.",
     "このクラスの授業の曜日に ALT は学校にいましたが、ALT の授業をすべてのクラスに広く配るため、他のクラスが"
     "選ばれました。"),
]


def test_every_reason_the_core_gives_is_worded_here() -> None:
    assert [kind for kind, *_ in REASONS] == list(REASON_KINDS)


@pytest.mark.parametrize(("kind", "parts", "english", "japanese"), REASONS, ids=[case[0] for case in REASONS])
def test_each_reason_a_class_has_no_alt_reads_plainly_in_english_and_japanese(
    kind: str, parts: dict[str, Any], english: str, japanese: str
) -> None:
    uncovered = UncoveredClass("S01", "2-1", 3, "the core's sentence (S01)", "コアの文（S01）", kind, parts)
    with translation.override("en"):
        said_in_english = reason_sentence(uncovered, NAMES)
    with translation.override("ja"):
        said_in_japanese = reason_sentence(uncovered, NAMES)
    assert (said_in_english, said_in_japanese) == (english, japanese)
    assert not any(word in said for said in (said_in_english, said_in_japanese) for word in INTERNAL)
