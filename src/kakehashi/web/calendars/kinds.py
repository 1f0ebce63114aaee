"""The words a Japanese school calendar (行事予定表) uses for each kind of event, so that a coordinator can
write 運動会 or leave the kind blank and let the event's name say it."""

from __future__ import annotations

import unicodedata

from kakehashi.schoolyear import EventKind

# Looked for in this order inside a name: 短縮 first because "文化祭前日 短縮日課" is a shortened day, and
# the bare 式 last because it only ends names (入学式, 卒業証書授与式) and would shadow nothing before it.
NAME_WORDS: tuple[tuple[str, EventKind], ...] = (
    ("短縮日課", EventKind.SHORTENED),
    ("短縮", EventKind.SHORTENED),
    ("臨時休校", EventKind.CLOSURE),
    ("休業", EventKind.CLOSURE),
    ("テスト", EventKind.TEST),
    ("考査", EventKind.TEST),
    ("試験", EventKind.TEST),
    ("運動会", EventKind.SPORTS_DAY),
    ("体育祭", EventKind.SPORTS_DAY),
    ("文化祭", EventKind.CULTURE_FESTIVAL),
    ("学習発表会", EventKind.CULTURE_FESTIVAL),
    ("合唱祭", EventKind.CULTURE_FESTIVAL),
    ("入学式", EventKind.CEREMONY),
    ("卒業式", EventKind.CEREMONY),
    ("始業式", EventKind.CEREMONY),
    ("終業式", EventKind.CEREMONY),
    ("式", EventKind.CEREMONY),
)

# Every spelling accepted in a `kind` cell (compared lower-case): the stored values, the English labels
# shown on the pages, and the Japanese words.
KIND_SPELLINGS: dict[str, str] = (
    {kind.value: kind.value for kind in EventKind}
    | {
        "sports day": EventKind.SPORTS_DAY.value,
        "culture festival": EventKind.CULTURE_FESTIVAL.value,
        "tests": EventKind.TEST.value,
        "shortened day": EventKind.SHORTENED.value,
    }
    | {word: kind.value for word, kind in NAME_WORDS}
)

# Rows of a 行事予定表 that are not events of their own: the platform computes the compensatory day from
# the weekend event, and a reserve day (予備日) is a school day until the event is really rained out.
NOT_EVENTS: tuple[tuple[str, str, str], ...] = (
    (
        "振替休業日",
        "the compensatory day off is computed from the weekend event",
        "振替休業日は週末の行事から自動で計算します",
    ),
    (
        "予備日",
        "a reserve day is a school day until the event is rained out (then use “rained out” on the event)",
        "予備日は延期が決まるまで通常の登校日です（延期のときは行事の「雨天延期」を使ってください）",
    ),
)


def kind_from_name(name: str) -> str | None:
    """The kind a name says (運動会 → sports_day), or None when it says none."""
    name = normalized(name)
    return next((kind.value for word, kind in NAME_WORDS if word in name), None)


def not_an_event(name: str) -> tuple[str, str] | None:
    """Why a row named so is left out of an import (English, Japanese), or None for a real event."""
    name = normalized(name)
    return next(((english, japanese) for word, english, japanese in NOT_EVENTS if word in name), None)


def kind_of_cell(value: str) -> str | None:
    """The stored kind a `kind` cell names (運動会, Sports Day, ｓｐｏｒｔｓ＿ｄａｙ …), or None."""
    return KIND_SPELLINGS.get(normalized(value).strip().lower())


def normalized(text: str) -> str:
    # Spreadsheets from Japanese offices mix full-width letters and half-width katakana (ﾃｽﾄ); NFKC makes
    # them the ordinary forms the word lists use.
    return unicodedata.normalize("NFKC", text)
