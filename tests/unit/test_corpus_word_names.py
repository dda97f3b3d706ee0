"""Applicants whose name is also a word (``benchmarks/corpus/word_names.py``, ``--subset words``; issue 49, class 5).

The ``words`` subset renames each applicant to a name that running text also uses as a word (高峰, 文明, 黎明) and
adds a work summary that names them four times and uses the word three times; those uses are decoys that must be
kept.  Nobody else is renamed, and no other subset draws the summary or renames anyone: existing seeds keep their
documents."""

from __future__ import annotations

from benchmarks.corpus import catalog, generate_dossier, make_cast
from benchmarks.corpus.word_names import WORD_NAMES


def test_the_words_subset_renames_the_applicant_and_uses_the_name_as_a_word():
    d = generate_dossier(11, 0, ("born_digital",), plan={"born_digital": ["zongjie_words"]}, word_name=True)
    name = d.profile["name"]
    assert name in WORD_NAMES and d.applicant.scenario.endswith("+word_name")
    assert d.profile["name_aliases"][0].lower().replace(" ", "") == "".join(WORD_NAMES[name][2:4])
    (f,) = d.files
    names = [u for u in f.instances if u["category"] == "name"]
    words = [u for u in names if u["form"] == "name_as_word"]
    assert len(words) == 3 and all(u["owner"] == "other" and u["text"] == name for u in words)
    own = [u for u in names if u["owner"] == "applicant"]
    assert len(own) >= 4 and all(u["text"] == name for u in own)
    assert not any(name in p.name or p.name in name for p in make_cast(11, 0).everyone_else)


def test_no_other_subset_renames_anyone_or_draws_the_summary():
    assert make_cast(7, 0).applicant.name == "王淑珺"
    assert "zongjie_words" not in catalog.VARIETY and "zongjie_words" not in catalog.CLASSIC
    plain = generate_dossier(11, 0, ("born_digital",), doc_types=["yeji_baogao"])
    assert plain.profile["name"] == make_cast(11, 0).applicant.name
    assert all(f.doc_type != "zongjie_words" for f in
               generate_dossier(11, 1, ("born_digital",), variety=True, plan={"born_digital": ["lunwen_b"]}).files)


def test_every_word_name_is_used_as_a_word_in_each_of_its_sentences():
    """Each sentence puts the word once, where ``{w}`` stands (白云's were written out: seed 66310 drew 白云 and the
    summary could not be built)."""
    for name, (*_, sentences) in WORD_NAMES.items():
        assert len(sentences) == 3, name
        assert all(s.count("{w}") == 1 and name not in s for s in sentences), name
