"""Name lists for generated instances: municipalities, place-name parts, teachers and ALTs.

Written by hand for the generator. Lists are tuples so that their order, and therefore every
`random.Random(seed)` draw from them, is fixed.
"""

from __future__ import annotations

from functools import cache
from typing import Any

# Gunma's municipalities by code, so a generated instance gets a name a coordinator recognises.
# Codes outside the table (another prefecture's file) fall back to "Municipality <code>".
GUNMA_MUNICIPALITIES: dict[str, str] = {
    "10201": "Maebashi", "10202": "Takasaki", "10203": "Kiryu", "10204": "Isesaki", "10205": "Ota",
    "10206": "Numata", "10207": "Tatebayashi", "10208": "Shibukawa", "10209": "Fujioka", "10210": "Tomioka",
    "10211": "Annaka", "10212": "Midori", "10344": "Shinto", "10345": "Yoshioka", "10366": "Ueno",
    "10367": "Kanna", "10382": "Shimonita", "10383": "Nanmoku", "10384": "Kanra", "10421": "Nakanojo",
    "10424": "Naganohara", "10425": "Tsumagoi", "10426": "Kusatsu", "10428": "Takayama",
    "10429": "Higashiagatsuma", "10443": "Katashina", "10444": "Kawaba", "10448": "Showa",
    "10449": "Minakami", "10464": "Tamamura", "10521": "Itakura", "10522": "Meiwa", "10523": "Chiyoda",
    "10524": "Oizumi", "10525": "Ora",
}

# Parts that Japanese school names are commonly made of (a direction, a district, a tree), each
# with the romaji that a school's English sign would use.
PLACE_PARTS: tuple[tuple[str, str], ...] = (
    ("東", "Higashi"), ("西", "Nishi"), ("南", "Minami"), ("北", "Kita"), ("中央", "Chuo"),
    ("桜", "Sakura"), ("若葉", "Wakaba"), ("緑", "Midori"), ("旭", "Asahi"), ("青葉", "Aoba"),
    ("城南", "Jonan"), ("城東", "Joto"), ("城西", "Josai"), ("富士見", "Fujimi"), ("山王", "Sanno"),
    ("八幡", "Yawata"), ("本町", "Honcho"), ("新町", "Shinmachi"), ("日吉", "Hiyoshi"), ("松原", "Matsubara"),
    ("高松", "Takamatsu"), ("大沢", "Osawa"), ("川原", "Kawara"), ("宮前", "Miyamae"), ("中川", "Nakagawa"),
    ("清水", "Shimizu"), ("栄", "Sakae"), ("寿", "Kotobuki"), ("泉", "Izumi"), ("岩崎", "Iwasaki"),
    ("桜木", "Sakuragi"), ("明治", "Meiji"), ("天神", "Tenjin"), ("久保田", "Kubota"), ("豊岡", "Toyooka"),
    ("小松", "Komatsu"), ("吉井", "Yoshii"), ("常盤", "Tokiwa"), ("中山", "Nakayama"), ("上原", "Uehara"),
    ("下川", "Shimokawa"), ("北部", "Hokubu"), ("南部", "Nanbu"), ("東部", "Tobu"), ("西部", "Seibu"),
)

# "第二中学校" (Daini, "the second") is how a town names its second school of the same district.
ORDINALS: tuple[tuple[str, str], ...] = (
    ("", ""), ("第二", "Daini"), ("第三", "Daisan"), ("第四", "Daiyon"), ("第五", "Daigo"),
    ("第六", "Dairoku"), ("第七", "Dainana"), ("第八", "Daihachi"), ("第九", "Daikyu"),
)

# Common Japanese surnames (with a few that are typical of Gunma: Arai, Hagiwara, Kurihara,
# Sekiguchi) for homeroom teachers and Japanese teachers of English.
TEACHER_SURNAMES: tuple[str, ...] = (
    "Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato",
    "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue", "Kimura", "Hayashi", "Shimizu",
    "Yamazaki", "Mori", "Abe", "Ikeda", "Hashimoto", "Yamashita", "Ishikawa", "Nakajima", "Maeda", "Fujita",
    "Ogawa", "Goto", "Okada", "Hasegawa", "Murakami", "Kondo", "Ishii", "Saito", "Sakamoto", "Endo", "Aoki",
    "Fujii", "Nishimura", "Fukuda", "Ota", "Miura", "Fujiwara", "Okamoto", "Matsuda", "Nakagawa", "Harada",
    "Ono", "Tamura", "Takeuchi", "Kaneko", "Wada", "Nakano", "Hara", "Murata", "Ueda", "Arai", "Hagiwara",
    "Kurihara", "Sekiguchi", "Tsuchiya",
)

# ALTs come from many English-speaking countries (the US, the UK, Ireland, Canada, Australia,
# New Zealand, South Africa, Jamaica, India, the Philippines...), so the names are mixed.
ALT_FIRST_NAMES: tuple[str, ...] = (
    "Jamie", "Olivia", "Liam", "Aoife", "Siobhan", "Ciaran", "Mia", "Noah", "Chloe", "Ethan", "Grace",
    "Lachlan", "Isla", "Hamish", "Ava", "Mason", "Zoe", "Tane", "Aroha", "Thandiwe", "Sipho", "Priya",
    "Arjun", "Marcus", "Keisha", "Andre", "Rachel", "Daniel", "Hannah", "Connor", "Bethany", "Declan",
    "Niamh", "Rhys", "Gareth", "Megan", "Sophie", "Tyler", "Madison", "Jordan", "Taylor", "Alex", "Sam",
    "Ruby", "Jack", "Emily", "Nathan", "Kayla", "Rohan", "Imani", "Paolo", "Maricel",
)

ALT_LAST_NAMES: tuple[str, ...] = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Anderson",
    "Thomas", "Moore", "Martin", "Thompson", "White", "Harris", "Clarke", "Walsh", "Murphy", "O'Brien",
    "Kelly", "Byrne", "Ryan", "Campbell", "Stewart", "MacDonald", "Robertson", "Evans", "Hughes", "Morgan",
    "Patel", "Singh", "Naidoo", "Nkosi", "van der Merwe", "Botha", "Ngata", "Parata", "Fraser", "Reid",
    "Nguyen", "Chen", "Santos", "Reyes", "Grant", "Bennett", "Fitzgerald", "Lewis", "Walker", "Young",
    "King", "Wright", "Scott", "Green", "Baker",
)


_SUFFIXES = ("義務教育学校", "小学校", "中学校")


@cache
def _kakasi() -> Any:
    # Loaded on first use: its dictionaries take a moment, and only real-data weeks need them.
    import pykakasi

    return pykakasi.kakasi()  # type: ignore[no-untyped-call]


def romanized_school_name(name_ja: str, english_kind: str) -> str:
    """`長野郷中学校` → `Naganosato Junior High School`: a readable suggestion, not an official name.

    Kanji readings of place names are often irregular, so a coordinator may correct it; long vowels
    are written without macrons (Chuo, not Chuuou), as schools themselves usually do."""
    stem = name_ja
    for suffix in _SUFFIXES:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    words = "".join(part["hepburn"] for part in _kakasi().convert(stem))
    romaji = words.replace("ou", "o").replace("uu", "u").replace("oo", "o")
    return f"{romaji[:1].upper()}{romaji[1:]} {english_kind}".strip() if romaji else english_kind
