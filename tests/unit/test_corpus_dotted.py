"""Names written in words (阿拉坦·巴根) in the synthetic corpus (benchmarks.corpus.dotted_names).

About three applicants in ten get one; their documents write the dot in several ways and the
English parts write the words in Latin letters; a decoy sharing one word with the applicant's name
is someone else's and must be kept.  The scorer reads a dotted name whatever dot the form used.
"""

from __future__ import annotations

import pytest

from benchmarks import quality
from benchmarks.corpus import generate_dossier, make_cast
from benchmarks.corpus.dotted_names import DOT, has_dotted_name
from benchmarks.extract import PdfReadout, text_key, value_key

DOCS = ["lunwen", "lunwen_b", "songshen_biao", "yeji_baogao", "huojiang", "pingshen_biao"]


def _first_dotted_seed() -> int:
    return next(s for s in range(1, 200) if has_dotted_name(s, 0))


@pytest.fixture(scope="module")
def dossier():
    return generate_dossier(_first_dotted_seed(), 0, ("born_digital",), doc_types=DOCS)


def _undotted(s: str) -> str:
    return value_key("name", s)


def test_about_three_applicants_in_ten_have_a_dotted_name():
    share = sum(has_dotted_name(s, i) for s in range(200) for i in range(5)) / 1000
    assert 0.2 < share < 0.4, share
    # the applicants the other tests pin keep their names
    assert make_cast(7, 0).applicant.name == "王淑珺"


def test_dotted_applicant_documents_carry_the_name_and_its_pinyin(dossier):
    a = dossier.applicant
    first, second = a.words
    assert dossier.profile["name"] == f"{first}{DOT}{second}"
    own = [i for f in dossier.files for i in f.instances if i["category"] == "name" and i["owner"] == "applicant"]
    written = {i["text"] for i in own if i["form"] == "chinese_name"}
    assert written and all(_undotted(t) == first + second for t in written), written
    # forms write the dot in more than one way (·, •, ．, ・, a full-width space)
    assert len({t[len(first)] for t in written}) >= 2, written
    latin = {i["text"] for i in own if i["form"] in ("pinyin_name", "pinyin_western")}
    assert a.pinyin_upper in latin and a.pinyin_western in latin, latin


def test_a_decoy_shares_one_word_and_is_someone_else(dossier):
    a = dossier.applicant
    others = {i["text"] for f in dossier.files for i in f.instances
              if i["category"] == "name" and i["owner"] == "other"}
    sharing = [t for t in others if set(_words(t)) & set(a.words) and _undotted(t) != _undotted(a.name)]
    assert any(_words(t)[0] == a.words[1] for t in sharing), sharing    # 巴根·其其格 beside 阿拉坦·巴根
    assert any(_words(t)[0] == a.words[0] for t in sharing), sharing    # 阿拉坦·乌云
    for t in sharing:     # the scorer does not read the applicant's name inside the decoy's
        assert value_key("name", a.name) not in text_key("name", t)


def _words(name: str) -> list[str]:
    for dot in "·•．・\u3000":
        name = name.replace(dot, " ")
    return name.split()


def test_scorer_reads_every_dotted_name_in_the_input(dossier, tmp_path):
    """Whatever dot the form used and however the font's text layer writes it, the scorer finds the name
    where it was drawn (a dotted name it cannot read would be scored by geometry only)."""
    checked = 0
    for f in dossier.files:
        path = tmp_path / f.name
        path.write_bytes(f.data)
        ro = PdfReadout(path)
        for d in f.instances:
            if d["category"] == "name" and d["form"] == "chinese_name" and any(c in d["text"] for c in "·•．・\u3000"):
                found, _ = quality._read_text(ro, d, use_ocr=False)
                assert found == ["text"], (f.name, d["text"])
                checked += 1
        ro.close()
    assert checked >= 10
