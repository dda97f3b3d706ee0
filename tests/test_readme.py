"""The README's promises: two set-up commands, CI runs the second, the annotated command works."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from redactor.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_one_annotated_command_then_two_setup_commands():
    blocks = re.findall(r"```bash\n(.*?)```", README, re.S)
    assert blocks[0].lstrip().startswith("redactor redact")
    setup = [ln.split("#")[0].strip() for ln in blocks[1].splitlines() if ln.strip()]
    assert setup == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci and "5" in ci


def test_annotated_command_runs_on_sample_docs(tmp_path):
    samples = sorted(p for p in (ROOT / "sample_docs").glob("*.pdf"))
    profile = ROOT / "sample_docs" / "profile.yaml"
    assert samples and profile.is_file(), "sample_docs/ must hold generated PDFs and profile.yaml"
    result = CliRunner().invoke(app, ["redact", str(samples[0]), "--profile", str(profile), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert list(tmp_path.glob("*.redacted.pdf")) and list(tmp_path.glob("*.audit.json"))
