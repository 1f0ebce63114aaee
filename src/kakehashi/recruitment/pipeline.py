"""An application's way through the cycle, as a pure state machine.

    submitted → screened → interview → shortlisted | alternate | unsuccessful
    shortlisted → offered;  alternate → offered | unsuccessful  (an alternate is upgraded, or not)
    offered → accepted → placed → departed
    submitted → unsuccessful  (not through the paper screening)
    any stage that is not final → withdrawn

Final stages: unsuccessful, departed, withdrawn. A refused move is a `TransitionError` that says, in
English and Japanese, where the application can go instead.
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    SUBMITTED = "submitted"
    SCREENED = "screened"
    INTERVIEW = "interview"
    SHORTLISTED = "shortlisted"
    ALTERNATE = "alternate"
    UNSUCCESSFUL = "unsuccessful"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    PLACED = "placed"
    DEPARTED = "departed"
    WITHDRAWN = "withdrawn"


JAPANESE: dict[Stage, str] = {
    Stage.SUBMITTED: "応募済み",
    Stage.SCREENED: "書類選考通過",
    Stage.INTERVIEW: "面接",
    Stage.SHORTLISTED: "合格",
    Stage.ALTERNATE: "補欠",
    Stage.UNSUCCESSFUL: "不合格",
    Stage.OFFERED: "内定",
    Stage.ACCEPTED: "受諾",
    Stage.PLACED: "配置決定",
    Stage.DEPARTED: "出発済み",
    Stage.WITHDRAWN: "辞退",
}

FINAL: frozenset[Stage] = frozenset({Stage.UNSUCCESSFUL, Stage.DEPARTED, Stage.WITHDRAWN})

# The forward moves; withdrawal is added for every stage that is not final.
_FORWARD: dict[Stage, tuple[Stage, ...]] = {
    Stage.SUBMITTED: (Stage.SCREENED, Stage.UNSUCCESSFUL),
    Stage.SCREENED: (Stage.INTERVIEW,),
    Stage.INTERVIEW: (Stage.SHORTLISTED, Stage.ALTERNATE, Stage.UNSUCCESSFUL),
    Stage.SHORTLISTED: (Stage.OFFERED,),
    Stage.ALTERNATE: (Stage.OFFERED, Stage.UNSUCCESSFUL),
    Stage.OFFERED: (Stage.ACCEPTED,),
    Stage.ACCEPTED: (Stage.PLACED,),
    Stage.PLACED: (Stage.DEPARTED,),
}


class TransitionError(ValueError):
    """A move the pipeline does not allow, in both languages."""

    def __init__(self, english: str, japanese: str) -> None:
        self.english = english
        self.japanese = japanese
        super().__init__(f"{english} / {japanese}")


def allowed_next(stage: Stage | str) -> tuple[Stage, ...]:
    """The stages an application at `stage` may move to, withdrawal last; none from a final stage."""
    current = _stage(stage)
    if current in FINAL:
        return ()
    return (*_FORWARD[current], Stage.WITHDRAWN)


def is_final(stage: Stage | str) -> bool:
    return _stage(stage) in FINAL


def advance(stage: Stage | str, to: Stage | str) -> Stage:
    """`to`, if an application at `stage` may move there; otherwise a TransitionError."""
    current, target = _stage(stage), _stage(to)
    if target in allowed_next(current):
        return target
    refused_en = f"An application cannot move from {current} to {target}"
    refused_ja = f"応募を「{JAPANESE[current]}」から「{JAPANESE[target]}」に進めることはできません"
    if current in FINAL:
        raise TransitionError(
            f"{refused_en}: {current} is final.", f"{refused_ja}。「{JAPANESE[current]}」は最終段階です。"
        )
    options = allowed_next(current)
    return_en = ", ".join(str(s) for s in options[:-1]) + f" or {options[-1]}"
    return_ja = "、".join(f"「{JAPANESE[s]}」" for s in options)
    raise TransitionError(
        f"{refused_en}; from {current} it can move to {return_en}.",
        f"{refused_ja}。「{JAPANESE[current]}」からは{return_ja}に進めます。",
    )


def _stage(value: Stage | str) -> Stage:
    try:
        return Stage(value)
    except ValueError:
        known = ", ".join(Stage)
        raise TransitionError(
            f"{value!r} is not a stage of the pipeline ({known}).", f"「{value}」は選考の段階ではありません。"
        ) from None
