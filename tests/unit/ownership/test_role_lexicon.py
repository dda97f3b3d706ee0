"""The role lexicon (configs/roles.yaml): phrases of real forms, each with its source, read back to their roles.

Table-driven from the lexicon itself: every phrase it lists is read by ``read_role`` to the kind and the owner
the lexicon gives it (a phrase read otherwise would mean the reader and the data disagree), and the grammar reads
the labels the lexicon does not list by their qualifiers -- never the applicant's by a substring.
"""

from __future__ import annotations

import pytest
import yaml

from redactor.errors import ConfigError
from redactor.ownership.labels import find_labels, read_role
from redactor.ownership.lexicon import Kind, Owner, lexicon, load_lexicon, norm_label
from redactor.model import BBox

LEX = lexicon()


def test_the_lexicon_is_large_and_sourced():
    """At least 200 phrases from at least 30 public templates (issue 49), every phrase with a source."""
    assert len(LEX.phrases) >= 200
    used = {s for p in LEX.data.phrases for s in p.sources}
    assert len(used) >= 30
    for p in LEX.data.phrases:
        assert p.sources and all(":" in LEX.data.templates[s].source for s in p.sources), p.phrase


@pytest.mark.parametrize("phrase", [p.phrase for p in lexicon().data.phrases], ids=lambda s: s[:12])
def test_every_phrase_reads_back_to_its_own_role(phrase):
    p = LEX.phrase(phrase)
    role = read_role(phrase)
    assert role is not None and role.how == "lexicon"
    assert (role.kind.value, role.owner.value) == (p.kind, p.owner)


@pytest.mark.parametrize("word,q", sorted(lexicon().grammar.qualifiers.items()))
def test_every_qualifier_names_a_phrase_that_shows_it(word, q):
    assert norm_label(q.seen_in) in LEX.phrases


@pytest.mark.parametrize("label,kind,owner", [
    ("合作单位（盖章）", Kind.SEAL, Owner.OTHER_BODY),          # not the applicant's unit: 合作 is a partner
    ("合作单位意见", Kind.SEAL, Owner.OTHER_BODY),
    ("所在单位意见（盖章）", Kind.SEAL, Owner.APPLICANT_UNIT),
    ("申报人所在单位意见", Kind.SEAL, Owner.APPLICANT_UNIT),
    ("推荐人所在单位意见", Kind.SEAL, Owner.OTHER_BODY),         # the recommender's unit, not the applicant's
    ("主管部门意见", Kind.SEAL, Owner.OTHER_BODY),
    ("评审委员会意见", Kind.SEAL, Owner.OTHER_BODY),
    ("单位名称（公章）", Kind.SEAL, Owner.APPLICANT_UNIT),
    ("推荐人签名", Kind.SIGNATURE, Owner.OTHER_PERSON),
    ("本人签名", Kind.SIGNATURE, Owner.APPLICANT),
    ("申报人（签字）", Kind.SIGNATURE, Owner.APPLICANT),
    ("单位负责人签字", Kind.SIGNATURE, Owner.OTHER_PERSON),
    ("推荐人照片", Kind.PHOTO, Owner.OTHER_PERSON),
    ("照片", Kind.PHOTO, Owner.APPLICANT),
    ("推荐人电话", Kind.FIELD, Owner.OTHER_PERSON),
    ("发证机关", Kind.ISSUER, Owner.ISSUER),
])
def test_labels_read_by_their_grammar(label, kind, owner):
    role = read_role(label)
    assert role is not None and (role.kind, role.owner) == (kind, owner), role


@pytest.mark.parametrize("label", ["协办单位盖章", "某某单位意见", "张三签字"])
def test_a_qualifier_the_lexicon_does_not_know_leaves_the_role_unknown(label):
    """Never the applicant's by a substring: 协办单位盖章 ends in 单位盖章, 张三签字 in 签字."""
    role = read_role(label)
    assert role is not None and role.owner is Owner.UNKNOWN


def test_an_unknown_role_keeps_no_word_the_lexicon_does_not_know():
    """Labels go to the audit: what stood before an unknown role's action (a name, perhaps) is not kept."""
    for label in ("张三签字", "包钢集团委员会意见", "王淑珺同志工作单位"):
        role = read_role(label)
        assert role is not None and "张三" not in role.label and "包钢" not in role.label and "王淑珺" not in role.label


def test_labels_are_found_on_a_line_and_a_sentence_does_not_lend_its_words():
    text = "同意推荐。所在单位（盖章）    年  月  日"
    boxes = [BBox(10 * i, 0, 10 * i + 9, 10) for i in range(len(text))]
    hits = find_labels(text, boxes)
    assert [(h.role.kind, h.role.owner) for h in hits] == [(Kind.SEAL, Owner.APPLICANT_UNIT)]
    assert text[hits[0].start:hits[0].end].startswith("所在单位")


def test_a_typo_in_the_lexicon_names_the_file_the_entry_and_the_valid_values(tmp_path):
    data = yaml.safe_load(open(LEX_PATH, encoding="utf-8"))
    data["phrases"][0]["owner"] = "applicnat"
    bad = tmp_path / "roles.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_lexicon(str(bad))
    line = e.value.one_line()
    assert "roles.yaml" in line and "phrases.0.owner" in line and "applicant_unit" in line


LEX_PATH = str(__import__("redactor.config", fromlist=["packaged_config_path"]).packaged_config_path("roles.yaml"))
