"""Sentences in two languages: every explanation of a placement is built once, as an English and a
Japanese text side by side, so the two cannot drift apart in what they say.

The English text is the one `kakehashi/placement-result@1` carries; the Japanese one is for the
coordinator's screens."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

LISTED = 5  # names in one sentence before "and N more": a sentence, not a report

LEVELS_JA = {"elementary": "小学校", "junior_high": "中学校", "high": "高校", "special_needs": "特別支援学校"}


@dataclass(frozen=True)
class Said:
    en: str
    ja: str

    def __add__(self, other: Said) -> Said:
        return Said(self.en + other.en, self.ja + other.ja)


def both(text: str) -> Said:
    """Words that read the same in both languages: ids, positions, sports as typed."""
    return Said(text, text)


def joined(items: Iterable[Said], en: str = "; ", ja: str = "；") -> Said:
    listed = list(items)
    return Said(en.join(x.en for x in listed), ja.join(x.ja for x in listed))


def listed(items: list[Said], en: str = "; ", ja: str = "；") -> Said:
    """Items joined (by a semicolon by default, as items often hold commas), the first few only."""
    shown = joined(items[:LISTED], en, ja)
    if len(items) <= LISTED:
        return shown
    more = len(items) - LISTED
    return Said(f"{shown.en} and {more} more", f"{shown.ja} ほか{more}件")


def names(ids: list[str]) -> Said:
    return listed([both(x) for x in ids], ", ", "、")


def count(n: int, noun: str, counter: str) -> Said:
    """`1 post` / `3 posts`, and `1枠` / `3枠`."""
    return Said(f"{n} {noun}" if n == 1 else f"{n} {noun}s", f"{n}{counter}")


def verb(n: int, plural: str, singular: str) -> str:
    return singular if n == 1 else plural


def levels(names_: tuple[str, ...]) -> Said:
    """`high`, `elementary and high`: the levels as the English of the format has them."""
    return Said(" and ".join(names_), "・".join(LEVELS_JA.get(x, x) for x in names_))


def all_of(names_: tuple[str, ...]) -> Said:
    if len(names_) == 1:
        return levels(names_)
    said = levels(names_)
    return Said("all of " + said.en, f"{said.ja}のすべて")
