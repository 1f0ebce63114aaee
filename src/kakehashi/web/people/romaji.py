"""Romaji suggested for names written in Japanese (pykakasi); a suggestion a person may correct."""

from __future__ import annotations

from functools import cache
from typing import Any

# Katakana for foreign sounds that pykakasi spells letter by letter (ジェ → "jie"): Hepburn's own spellings.
FOREIGN_SOUNDS = {
    "ジェ": "je",
    "シェ": "she",
    "チェ": "che",
    "ファ": "fa",
    "フィ": "fi",
    "フェ": "fe",
    "フォ": "fo",
    "ティ": "ti",
    "ディ": "di",
    "デュ": "dyu",
    "ウィ": "wi",
    "ウェ": "we",
    "ウォ": "wo",
    "ヴァ": "va",
    "ヴィ": "vi",
    "ヴェ": "ve",
    "ヴォ": "vo",
    "トゥ": "tu",
    "ドゥ": "du",
}


@cache
def _kakasi() -> Any:
    import pykakasi

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]  # pykakasi has no type information


def _plain(text: str) -> str:
    return "".join(part["hepburn"] for part in _kakasi().convert(text)) if text else ""


def _word(word: str) -> str:
    out, run, i = [], "", 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in FOREIGN_SOUNDS:
            out += [_plain(run), FOREIGN_SOUNDS[pair]]
            run, i = "", i + 2
        elif word[i] == "ー":  # the long-vowel mark: names are usually written without it (Jen, not Jeen)
            i += 1
        else:
            run += word[i]
            i += 1
    out.append(_plain(run))
    return "".join(out)


def katakana_to_romaji(name: str) -> str:
    """`ジェーン・スミス` → `Jen Sumisu`; words split on the middle dot or spaces, each capitalized."""
    words = [w for w in name.replace("・", " ").replace("　", " ").split() if w]
    romaji = [_word(word) for word in words]
    return " ".join(w[:1].upper() + w[1:] for w in romaji if w)


@cache
def reading(text: str) -> str:
    """`青葉小学校` → `あおばしょうがっこう`: how a Japanese name is read, so that lists of names sort as a Japanese
    reader expects (あいうえお order), not by the kanji's character codes. Latin letters stay as they are."""
    return "".join(part["hira"] for part in _kakasi().convert(text)) if text else ""
