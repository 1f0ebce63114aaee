"""`cir_japanese`: CIR applicants need Japanese at a minimum JLPT level (N2 by default).

A CIR translates and interprets in a town hall, so JET's benchmark is semi-advanced Japanese;
"native" counts above N1 because native speakers do not sit the test."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kakehashi.recruitment.applicant import JAPANESE_LEVELS, Applicant, Position, japanese_rank
from kakehashi.recruitment.rules.base import Failure, one_parameter_rule
from kakehashi.timetable.reader import Node

ID = "cir_japanese"


@dataclass(frozen=True)
class Params:
    minimum: str = "N2"


def level_en(level: str) -> str:
    return "native" if level == "native" else f"JLPT {level}"


def level_ja(level: str) -> str:
    return "ネイティブ" if level == "native" else level


def check(applicant: Applicant, params: Params, departure: date) -> Failure | None:
    if japanese_rank(applicant.japanese_level) >= japanese_rank(params.minimum):
        return None
    if params.minimum == "native":
        need_en, need_ja = "native Japanese", "母語話者レベルの日本語力"
    else:
        need_en, need_ja = (
            f"Japanese at JLPT {params.minimum} or above",
            f"日本語能力試験{params.minimum}以上の日本語力",
        )
    level = applicant.japanese_level
    if level is None:
        held_en, held_ja = "no Japanese level is recorded", "日本語の記録なし"
    else:
        held_en, held_ja = f"the recorded level is {level_en(level)}", f"記録された級：{level_ja(level)}"
    return Failure(ID, f"CIR applicants need {need_en}; {held_en}.", f"CIRの応募には{need_ja}が必要です（{held_ja}）。")


def _parse(node: Node) -> str:
    return node.choice(JAPANESE_LEVELS)


RULE = one_parameter_rule(
    id=ID,
    summary="CIR applicants need Japanese at JLPT `minimum` (default N2) or above; levels N5<N4<N3<N2<N1<native.",
    positions=frozenset({Position.CIR}),
    default=Params(),
    parameter="minimum",
    parse=_parse,
    check=check,
)
