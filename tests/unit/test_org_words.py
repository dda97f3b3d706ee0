"""Organisation words are data (issue 81 item 4): one file, ``configs/org_words.yaml``, read by detection,
variants and ownership, validated at load and part of the config digest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from redactor.errors import ConfigError
from redactor.org_words import ORG_WORDS_FILE, OrgWordsFile, alternation, load_org_words, org_words

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = (ROOT / "configs" / ORG_WORDS_FILE).read_text(encoding="utf-8")


def test_the_packaged_file_names_every_set_the_code_reads():
    words = org_words()
    assert set(yaml.safe_load(PACKAGED)) == set(OrgWordsFile.model_fields)
    assert "有限责任公司" in words.name_endings and "University" in words.affiliation_words


def test_a_misspelt_set_is_a_config_error_that_lists_the_valid_sets():
    data = yaml.safe_load(PACKAGED)
    data["name_ending"] = data.pop("name_endings")
    with pytest.raises(ConfigError) as e:
        load_org_words(yaml.safe_dump(data, allow_unicode=True), "mine.yaml")
    assert "name_ending: unknown set" in str(e.value) and "name_endings," in str(e.value) and e.value.path == "mine.yaml"


def test_an_empty_word_is_a_config_error():
    data = yaml.safe_load(PACKAGED)
    data["seal_uses"] = ["专用章", " "]
    with pytest.raises(ConfigError, match="seal_uses"):
        load_org_words(yaml.safe_dump(data, allow_unicode=True))


def test_words_are_literals_in_an_alternation():
    pattern = re.compile(f"(?:{alternation(('Co.', '(集团)'))})$")
    assert pattern.search("Steel Co.") and pattern.search("包钢(集团)") and not pattern.search("Steel Cox")


def test_the_config_digest_reads_the_file(monkeypatch):
    from redactor import org_words as module
    from redactor.config import RedactorConfig

    before = RedactorConfig().digest()
    module.org_words_digest.cache_clear()
    monkeypatch.setattr(module, "_text", lambda: PACKAGED + "\n# one more line\n")
    try:
        assert RedactorConfig().digest() != before
    finally:
        module.org_words_digest.cache_clear()


# two or more organisation words in one alternation or tuple in the code: a list that belongs in the file
_LIST_IN_CODE = re.compile(r"(?:大学|学院|医院|公司|研究所)[\"']?\s*(?:\||,\s*[\"'])\s*(?:大学|学院|学校|中学|医院|公司|集团|研究院)")


def test_no_organisation_word_list_is_left_in_the_code():
    found = []
    for path in (ROOT / "redactor").rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#")[0]
            if _LIST_IN_CODE.search(code) and '"""' not in code:
                found.append(f"{path.relative_to(ROOT)}:{n}")
    assert not found, found
