"""The final check re-reads; it never re-judges (issue 49).

Whose a stamp, a face, pen strokes or a value is comes from ``redactor.ownership`` alone.  Code under
``redactor/verify/`` that held a form's words (审核人, 盖章, 推荐, 单位 ...) would be an opinion of its own on whose a
place is, drifting from policy's; so it holds none: no Chinese word in its code, only character ranges and numerals
(how a text is read, not whose it is).  Docstrings and comments may name examples.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import redactor.verify

CJK = re.compile(r"[\u3400-\u9fff]")
# characters that say how text is read, never whose it is: range bounds of CJK classes and Chinese numerals
READING_ONLY = set("\u3400\u4e00\u9fff\u9fa5〇零一二三四五六七八九十百千万两第")


def _code_strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            docstrings.add(id(body[0].value))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_verify_holds_no_form_words_of_its_own():
    root = Path(redactor.verify.__file__).parent
    files = sorted(root.rglob("*.py"))
    assert len(files) > 10, "the final check's modules were not found"
    cjk_seen = 0
    offenders = []
    for path in files:
        for line, value in _code_strings(path):
            chars = set(CJK.findall(value))
            cjk_seen += bool(chars)
            if chars - READING_ONLY:
                offenders.append(f"{path.relative_to(root.parent.parent)}:{line}: {value[:40]!r}")
    assert not offenders, "words that judge whose a place is belong in configs/roles.yaml:\n" + "\n".join(offenders)
    assert cjk_seen >= 1, "the scan read no string with a CJK character at all: it looked at nothing"


def test_the_scan_catches_a_form_word(tmp_path):
    sample = tmp_path / "judge.py"
    sample.write_text('"""审核人 in a docstring is an example."""\nOTHER = ("审核人", "推荐人")\nNUM = "〇一二"\n',
                      encoding="utf-8")
    found = [v for _, v in _code_strings(sample) if set(CJK.findall(v)) - READING_ONLY]
    assert found == ["审核人", "推荐人"]
