"""The application pipeline: the moves it allows, the ones it refuses in both languages, and that
every path ends in a final stage."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kakehashi.recruitment import Stage, TransitionError, advance, allowed_next, is_final
from kakehashi.recruitment.pipeline import FINAL

HAPPY_PATH = ["submitted", "screened", "interview", "shortlisted", "offered", "accepted", "placed", "departed"]


def test_a_successful_application_goes_from_submitted_to_departed() -> None:
    stage = Stage.SUBMITTED
    for target in HAPPY_PATH[1:]:
        stage = advance(stage, target)
    assert stage is Stage.DEPARTED
    assert is_final(stage)


def test_an_interview_ends_shortlisted_alternate_or_unsuccessful() -> None:
    assert allowed_next("interview") == (Stage.SHORTLISTED, Stage.ALTERNATE, Stage.UNSUCCESSFUL, Stage.WITHDRAWN)


def test_an_alternate_is_upgraded_to_an_offer_or_ends_unsuccessful() -> None:
    assert advance("alternate", "offered") is Stage.OFFERED
    assert advance("alternate", "unsuccessful") is Stage.UNSUCCESSFUL


def test_an_application_can_be_withdrawn_from_every_stage_that_is_not_final() -> None:
    for stage in Stage:
        if stage in FINAL:
            assert allowed_next(stage) == ()
        else:
            assert advance(stage, Stage.WITHDRAWN) is Stage.WITHDRAWN


def test_skipping_the_offer_is_refused_in_both_languages() -> None:
    with pytest.raises(TransitionError) as caught:
        advance("shortlisted", "placed")
    assert caught.value.english == (
        "An application cannot move from shortlisted to placed; from shortlisted it can move to offered or withdrawn."
    )
    assert caught.value.japanese == (
        "応募を「合格」から「配置決定」に進めることはできません。「合格」からは「内定」、「辞退」に進めます。"
    )
    assert str(caught.value) == f"{caught.value.english} / {caught.value.japanese}"


def test_a_final_stage_cannot_be_left() -> None:
    with pytest.raises(TransitionError) as caught:
        advance(Stage.WITHDRAWN, Stage.SUBMITTED)
    assert caught.value.english == "An application cannot move from withdrawn to submitted: withdrawn is final."
    assert caught.value.japanese == "応募を「辞退」から「応募済み」に進めることはできません。「辞退」は最終段階です。"


def test_staying_at_the_same_stage_is_not_a_move() -> None:
    with pytest.raises(TransitionError, match="cannot move from offered to offered"):
        advance("offered", "offered")


def test_an_unknown_stage_is_refused_in_both_languages() -> None:
    with pytest.raises(TransitionError) as caught:
        advance("submitted", "hired")
    assert caught.value.english.startswith("'hired' is not a stage of the pipeline (submitted, screened")
    assert caught.value.japanese == "「hired」は選考の段階ではありません。"


@given(st.lists(st.integers(min_value=0, max_value=10), max_size=20))
def test_any_sequence_of_allowed_moves_ends_in_a_final_stage_within_eight_moves(choices: list[int]) -> None:
    stage = Stage.SUBMITTED
    moves = 0
    for choice in choices:
        options = allowed_next(stage)
        if not options:
            break
        stage = advance(stage, options[choice % len(options)])
        moves += 1
    assert moves <= 7
    if moves < len(choices):
        assert is_final(stage)
