"""The data files that decide -- configs/marks.yaml and configs/roles.yaml -- fail loudly and are in the audit's
config digest (issue 50)."""

from __future__ import annotations

import pytest

from redactor.config import RedactorConfig
from redactor.errors import ConfigError
from redactor.marks import load_marks, marks_config


def test_a_typo_in_marks_names_the_file_the_entry_and_the_valid_keys():
    good = """ink:\n  detect.red: {hues: [[0, 12]], s_min: 50, v_min: 70}\ncircles:\n  detect.ring: {edge: 100, votes: 40}\n"""
    assert load_marks(good).ink["detect.red"].s_min == 50
    with pytest.raises(ConfigError) as e:
        load_marks(good.replace("s_min", "smin"), "marks.yaml")
    line = e.value.one_line()
    assert line.startswith("marks.yaml:") and "ink.detect.red" in line and "s_min" in line and "dominance" in line
    with pytest.raises(ConfigError) as e:
        load_marks(good.replace("[[0, 12]]", "[[30, 12]]"), "marks.yaml")
    assert "hue range" in e.value.one_line()


def test_an_unknown_setting_name_lists_the_valid_ones():
    from redactor.marks import setting

    with pytest.raises(ConfigError) as e:
        setting("ink", "detect.rde")
    assert "detect.red" in str(e.value)


def test_the_digest_holds_the_lexicon_and_the_marks(monkeypatch):
    import redactor.marks as marks
    import redactor.ownership.lexicon as lex

    before = RedactorConfig().digest()
    assert marks_config().ink                     # the packaged file parses
    monkeypatch.setattr(marks, "marks_digest", lambda: "0" * 16)
    changed_marks = RedactorConfig().digest()
    monkeypatch.undo()

    class _Lex:
        digest = "f" * 16

    monkeypatch.setattr(lex, "lexicon", lambda: _Lex())
    changed_roles = RedactorConfig().digest()
    assert len({before, changed_marks, changed_roles}) == 3
