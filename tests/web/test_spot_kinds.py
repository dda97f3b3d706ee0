"""抽检 strata from document kinds that separate a dossier (issue 82): the kinds are data (configs/doc_kinds.yaml),
each with a Chinese name; small kinds are pooled into one stratum and the pages say which."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from redactor.batch.report import OTHER_DOC_TYPE, doc_type, doc_type_label
from redactor.config import doc_kinds, load_doc_kinds
from redactor.errors import ConfigError
from redactor.web.spotcheck.batch import BatchDoc, read_batch
from redactor.web.spotcheck.sampling import POOLED_STRATUM, SampleSpec, draw_sample, pooled_note, stratify

# the keyword table doc_type() used before the kinds became data: every keyword keeps its kind
OLD_TABLE = (
    ("评审表", "评审表"), ("申报表", "评审表"), ("推荐表", "评审表"), ("送审表", "评审表"), ("pingshen", "评审表"),
    ("songshen", "评审表"), ("考核", "考核表"), ("kaohe", "考核表"), ("论文", "论文"), ("lunwen", "论文"),
    ("业绩", "业绩报告"), ("述职", "业绩报告"), ("yeji", "业绩报告"), ("继续教育", "继续教育"), ("jixu", "继续教育"),
    ("公示", "公示"), ("gongshi", "公示"), ("身份证", "身份证"), ("id_card", "身份证"), ("获奖", "证书"),
    ("huojiang", "证书"), ("证书", "证书"), ("zhengshu", "证书"), ("证明", "证书"),
)


def old_doc_type(stem: str) -> str:
    s = stem.lower()
    return next((t for key, t in OLD_TABLE if key in s), "other")


def _cjk(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


@pytest.mark.parametrize("keyword, kind", OLD_TABLE)
def test_every_keyword_of_the_old_table_keeps_its_kind(keyword: str, kind: str) -> None:
    assert doc_type(keyword) == kind
    assert doc_type(f"07-姓名-{keyword.upper()}-2") == kind          # inside a cleaned stem, any case


def test_the_documents_that_shared_one_stratum_now_have_kinds_of_their_own() -> None:
    """Nine documents of one dossier (the issue's list): seven used to fall into 证书 or 'other', and the
    citation report named after the papers into 论文."""
    stems = ["姓名-毕业证书", "姓名-学位证书", "论文检索证明", "项目任务书", "劳动合同", "原创性声明", "职称证书",
             "身份证复印件", "个人工作总结"]
    assert sum(old_doc_type(s) in ("证书", "other") for s in stems) == 7 and old_doc_type(stems[2]) == "论文"
    kinds = [doc_type(s) for s in stems]
    assert OTHER_DOC_TYPE not in kinds and len(set(kinds)) == len(stems), kinds
    assert kinds[:3] == ["毕业证书", "学位证书", "检索证明"] and kinds[7] == "身份证"


def test_every_document_of_the_synthetic_corpus_has_a_kind_and_old_kinds_hold() -> None:
    """The corpus' builder names (pinyin stems as `generate_dossier` writes them) and printed titles all get a
    kind; where the old table gave one other than the general 证书, it is the same kind."""
    from benchmarks.corpus import BUILDERS, DOC_TITLES

    names = [f"03-{b}" for b in BUILDERS] + [DOC_TITLES[b] for b in BUILDERS]
    assert len(names) >= 40
    for name in names:
        new, old = doc_type(name), old_doc_type(name)
        assert new != OTHER_DOC_TYPE, name
        assert old in ("other", "证书") or new == old, (name, old, new)
    refined = {doc_type(n) for n in names if old_doc_type(n) == "证书"}
    assert {"证书", "职称（资格）证书", "在职证明", "成果应用证明"} <= refined


def test_every_kind_has_a_chinese_name_and_other_shows_as_qita_only_for_the_unknown() -> None:
    kinds = doc_kinds().kinds
    assert len(kinds) >= 15 and all(_cjk(k.name) and not re.search(r"[A-Za-z]", k.name) for k in kinds)
    assert doc_kinds().unknown == "其他" and "其他" not in {k.name for k in kinds}
    assert doc_type("scan_0001") == OTHER_DOC_TYPE and doc_type_label(OTHER_DOC_TYPE) == "其他"
    assert doc_type_label("学位证书") == "学位证书" and doc_type_label("") == "其他"


@pytest.mark.parametrize("yaml_text, fragment", [
    ("kinds:\n  - {name: 论文, keywords: [lunwen]}\n  - {name: 证书, keywords: [lunwen]}\n", "both 论文 and 证书"),
    ("kinds:\n  - {name: thesis, keywords: [lunwen]}\n", "kinds.0.name"),
    ("kinds:\n  - {name: 论文, keywords: [LunWen]}\n", "kinds.0.keywords"),
    ("kinds:\n  - {name: 论文, keyword: [lunwen]}\n", "kinds.0.keyword: unknown key; valid keys here: name, keywords"),
    ("pool_below: 0\nkinds:\n  - {name: 论文, keywords: [lunwen]}\n", "pool_below"),
    ("kinds:\n  - {name: 其他, keywords: [x]}\n", "unique"),
])
def test_a_broken_kinds_file_fails_loudly_naming_the_file_and_the_entry(tmp_path: Path, yaml_text: str,
                                                                      fragment: str) -> None:
    bad = tmp_path / "doc_kinds.yaml"
    bad.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_doc_kinds(bad)
    line = err.value.one_line()
    assert "doc_kinds.yaml" in line and fragment in line, line


def _docs(kinds: dict[str, int], flagged: dict[str, int] | None = None) -> list[BatchDoc]:
    out = [BatchDoc("A", f"{k}-{i}", k, 0, 1, 1, "", "/x") for k, n in kinds.items() for i in range(n)]
    out += [BatchDoc("R", f"{k}-r{i}", k, 1, 1, 1, "", "/x") for k, n in (flagged or {}).items() for i in range(n)]
    return out


def test_kinds_smaller_than_the_parameter_are_pooled_and_named() -> None:
    docs = _docs({"评审表": 5, "论文": 4, "合同": 1, "学位证书": 1, "other": 1}, flagged={"合同": 3})
    spec = SampleSpec(size=6, seed=3, pool_below=2)
    strata = stratify(docs, spec)
    # the flagged 合同 are drawn first and do not count towards 合同's size: it is pooled with the other small kinds
    assert strata.pooled == {"合同": 1, "学位证书": 1, "other": 1}
    assert strata.population() == {"type:评审表": 5, "type:论文": 4, POOLED_STRATUM: 3, "needs_review": 3}
    assert {d.doc_type for d in strata.members[POOLED_STRATUM]} == {"合同", "学位证书", "other"}
    drawn = draw_sample(docs, spec)
    assert len(drawn) == 6 and sum(s == POOLED_STRATUM for _, s in drawn) == 1
    note = pooled_note(strata.pooled, spec.pool_below)
    assert "少于 2 份" in note and "合同（1 份）" in note and "学位证书（1 份）" in note and "其他（1 份）" in note
    assert "other" not in note
    # a higher threshold pools more; 1 pools none; no kinds, no pooling
    assert set(stratify(docs, SampleSpec(size=6, seed=3, pool_below=5)).pooled) == {"合同", "学位证书", "other", "论文"}
    assert stratify(docs, SampleSpec(size=6, seed=3, pool_below=1)).pooled == {}
    assert stratify(docs, SampleSpec(size=6, seed=3, by_type=False)).pooled == {}
    assert pooled_note({}, 2) == ""


def test_the_default_threshold_comes_from_the_kinds_file() -> None:
    assert SampleSpec(size=1, seed=0).pool_below == doc_kinds().pool_below == 2


def _visible(html: str) -> str:
    html = re.sub(r"<script.*?</script>", "", html, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", html)


def test_pages_and_the_qa_report_show_kinds_by_their_chinese_names_and_the_pooled_note(make_app,
                                                                                       batch_dir: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    docs = read_batch(batch_dir)
    unflagged: dict[str, int] = {}
    for d in docs:
        if not d.needs_review:
            unflagged[d.doc_type] = unflagged.get(d.doc_type, 0) + 1
    small = {k for k, n in unflagged.items() if n < 2}
    assert small == {"论文"}, unflagged          # the fixture: one paper is flagged, the other is alone

    with TestClient(make_app(batch_dir=str(batch_dir))) as c:
        start = c.get("/spot").text
        assert "学位证书 2 份" in start and "评审表 2 份" in start and "论文 2 份" in start
        assert 'id="pooled-note"' in start and "论文（1 份）" in _visible(start)
        h = {"X-CSRF-Token": c.get("/api/session").json()["csrf"]}
        s = c.post("/api/spot/sessions", headers=h, json={"size": 6, "seed": 5}).json()
        assert s["pooled"] == {"论文": 1} and s["pool_below"] == 2 and "论文（1 份）" in s["pooled_note"]
        assert {x["stratum"] for x in s["sample"]} >= {"needs_review", POOLED_STRATUM, "type:学位证书", "type:评审表"}
        sid = s["id"]
        pooled_pos = next(x["pos"] for x in s["sample"] if x["stratum"] == POOLED_STRATUM)
        degree_pos = next(x["pos"] for x in s["sample"] if x["stratum"] == "type:学位证书")
        page = _visible(c.get(f"/spot/{sid}/{pooled_pos}").text)
        assert "分层：合并的小类（论文）" in page and "类型 论文" in page and "论文（1 份）" in page
        page = _visible(c.get(f"/spot/{sid}/{degree_pos}").text)
        assert "类型 学位证书" in page and "分层：类型：学位证书" in page
        for pos in range(1, 7):
            c.post(f"/api/spot/sessions/{sid}/verdicts", headers=h, json={"pos": pos, "verdict": "ok"})
        report = c.get(f"/api/spot/sessions/{sid}/report").json()
        assert report["pooled"]["kinds"] == {"论文": 1} and "论文（1 份）" in report["pooled"]["note"]
        assert report["strata_labels"][POOLED_STRATUM] == "合并的小类（论文）"
        assert report["strata_labels"]["type:学位证书"] == "类型：学位证书"
        html = _visible((batch_dir / f"qa-report-{sid}.html").read_text(encoding="utf-8"))
        assert "合并的小类（论文）" in html and "论文（1 份）" in html and "类型：学位证书" in html
        for shown in (html, _visible(c.get(f"/spot/{sid}/report").text), page, _visible(start)):
            assert not re.search(r"type:|\bother\b|\bpooled\b|needs_review", shown), \
                re.search(r".{0,30}(type:|\bother\b|\bpooled\b|needs_review).{0,30}", shown)
        saved = json.loads((batch_dir / f"qa-report-{sid}.json").read_text(encoding="utf-8"))
        assert saved["pooled"]["kinds"] == {"论文": 1}
