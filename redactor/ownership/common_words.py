"""Common words that hold a name: the lexicon that tells 高峰论坛 (a word) from 高峰团队 (the applicant's team).

A name that is also a word (高峰, 高原, 文明) is the word where running text prints it inside a longer common word
(国家级高峰论坛, 赴高原地区开展, 精神文明建设) and the person elsewhere (由高峰主持, 高峰团队).  LAC segments both
the same way (高峰/n 论坛/n, 高峰/n 团队/n): which compounds are words is what a lexicon knows and a tagger does
not.

Source: the dictionary jieba ships (``jieba/dict.txt``, jieba 0.42.1, MIT licence: 349 046 words of modern Chinese
with their frequency and word class, compiled from public corpora).  It is read here as data; jieba's own
segmenter is never run (it would write a cache file).  Word classes are left out: the dictionary tags many
common words ``nr`` (蓝天白云/nr), and what matters is only that the printed run is a word.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from redactor.normalize import is_cjk

__all__ = ["words_holding", "is_a_word"]


@functools.cache
def _lexicon_text() -> str:
    """The dictionary's text: one ``word frequency class`` line per word.  Found without importing jieba
    (importing it loads its segmenter's tables)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the common-word lexicon needs the jieba package (pip install jieba)")
    return (Path(next(iter(spec.submodule_search_locations))) / "dict.txt").read_text("utf-8")


@functools.lru_cache(maxsize=64)
def words_holding(name: str) -> tuple[str, ...]:
    """The lexicon's words, all CJK, longer than ``name`` and holding it (高峰论坛, 勇攀高峰 for 高峰)."""
    if len(name) < 2 or not all(is_cjk(c) for c in name):
        return ()
    text, out = _lexicon_text(), []
    i = text.find(name)
    while i >= 0:
        a = text.rfind("\n", 0, i) + 1
        word = text[a:text.find(" ", a)]
        if name in word and len(word) > len(name) and all(is_cjk(c) for c in word):
            out.append(word)
        i = text.find(name, max(i + 1, text.find("\n", i) + 1 or len(text)))
    return tuple(dict.fromkeys(out))


@functools.lru_cache(maxsize=1024)
def is_a_word(text: str) -> bool:
    """``text``, two CJK characters or more, is a word of the lexicon (成员, 组成员)."""
    if len(text) < 2 or not all(is_cjk(c) for c in text):
        return False
    lex = _lexicon_text()
    return lex.startswith(text + " ") or ("\n" + text + " ") in lex
