"""One error handler for every command: a known error exits with its code, a crash with 10, never 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from redactor import cli
from redactor.errors import ExitCode
from tests.synth import APPLICANT

runner = CliRunner()


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    return APPLICANT.write_profile(tmp_path / "profile.yaml")


def _crash(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
    raise TypeError(f"{APPLICANT.name} must never be printed")


@pytest.mark.parametrize("command", ["verify", "explain", "redact"])
def test_an_unexpected_error_exits_10_with_one_line_and_no_value(command, profile, tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "load_profile", _crash)
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%%EOF\n")
    args = {"verify": ["verify", str(pdf), "--profile", str(profile)],
            "explain": ["explain", str(pdf), "--profile", str(profile)],
            "redact": ["redact", str(pdf), "--profile", str(profile), "--out", str(tmp_path / "out")]}[command]
    result = runner.invoke(cli.app, args)
    assert result.exit_code == int(ExitCode.INTERNAL) == 10
    assert result.exit_code != int(ExitCode.LEAK_FOUND)
    assert "internal error (TypeError)" in result.stderr
    assert APPLICANT.name not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_known_error_keeps_its_code_and_its_one_line(tmp_path, profile):
    notpdf = tmp_path / "notes.txt"
    notpdf.write_text("not a pdf")
    result = runner.invoke(cli.app, ["verify", str(notpdf), "--profile", str(profile)])
    assert result.exit_code == int(ExitCode.INPUT_FILE)
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "notes.txt: " in lines[0] and "internal error" not in lines[0]


def test_a_bad_profile_is_exit_4_from_verify(tmp_path):
    bad = tmp_path / "p.yaml"
    bad.write_text("name: 张三\nid_number: '150202198506121525'\n")
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%%EOF\n")
    result = runner.invoke(cli.app, ["verify", str(pdf), "--profile", str(bad)])
    assert result.exit_code == int(ExitCode.CONFIG)
    assert "150202198506121525" not in result.stderr
