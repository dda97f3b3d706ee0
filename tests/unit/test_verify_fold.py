"""Object text is folded with a byte table (issue 14): the same string as NFKC + lower + separators dropped."""

from __future__ import annotations

import random
import unicodedata

import pytest

from redactor.fields import SEPARATORS
from redactor.verify.search import _FAST, _fold


def _reference(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().translate(_FAST)


@pytest.mark.issue(14)
def test_fold_equals_the_reference_on_latin1_and_unicode_text():
    rng = random.Random(14)
    pool = [chr(i) for i in range(0x3100)] + sorted(SEPARATORS) + ["×", "ⅹ", "Ⅹ", "＋", "８"]
    for _ in range(2000):
        latin = "".join(chr(rng.randrange(256)) for _ in range(rng.randrange(120)))
        wide = "".join(rng.choice(pool) for _ in range(rng.randrange(120)))
        assert _fold(latin) == _reference(latin), repr(latin)
        assert _fold(wide) == _reference(wide), repr(wide)
    assert _fold("Tel: +86 138-1234\xa05678 ½ µ") == _reference("Tel: +86 138-1234\xa05678 ½ µ")
