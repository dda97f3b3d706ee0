"""Every document type of the corpus: the classic builders, the other layouts, the Word and web forms.

``CLASSIC`` is the original one-look set (what ``--subset ci`` runs, so that CI keeps its
measured thresholds); ``VARIETY`` the layouts, fonts, photo sizes, seal designs and Word
exports added to stop the corpus being one generator's world.
"""

from __future__ import annotations

import random
from typing import Callable

from . import documents, layouts, marks, structures, summaries, web, word, word_names
from .documents import BuiltDoc
from .dotted_names import dot_for, written_with
from .people import Cast

CLASSIC: tuple[str, ...] = tuple(documents.BUILDERS)
VARIETY: tuple[str, ...] = tuple(layouts.BUILDERS) + tuple(word.BUILDERS) + tuple(web.BUILDERS) + tuple(summaries.BUILDERS)
# documents whose owners only the page's structure tells apart (issue 49): their own subset, so no existing seed's
# dossier changes (a dossier that asks for the variety documents by plan never draws these)
STRUCTURE: tuple[str, ...] = tuple(structures.BUILDERS)
# a work summary that uses the applicant's name as a word (issue 49, class 5): its own subset too, for applicants
# renamed to such names (``word_names``)
WORDS: tuple[str, ...] = tuple(word_names.BUILDERS)
# marks placed the way real producers place them (issue 80: an inherited media box, a flattened AcroForm, a pale
# ID photo, a contract's parties and signatures on different pages, a seal over the holder's name, the unit's seal in
# its own opinion cell beside other bodies', diplomas two to a sheet or turned): their own subset
MARKS: tuple[str, ...] = tuple(marks.BUILDERS)
WORD_DOCS: tuple[str, ...] = tuple(word.BUILDERS)
WEB_DOCS: tuple[str, ...] = tuple(web.BUILDERS)

BUILDERS: dict[str, Callable[[Cast, random.Random], BuiltDoc]] = {
    **documents.BUILDERS, **layouts.BUILDERS, **word.BUILDERS, **web.BUILDERS, **summaries.BUILDERS,
    **structures.BUILDERS, **word_names.BUILDERS, **marks.BUILDERS}
DOC_TITLES: dict[str, str] = {**documents.DOC_TITLES, **layouts.DOC_TITLES, **word.DOC_TITLES, **web.DOC_TITLES,
                              **summaries.DOC_TITLES, **structures.DOC_TITLES, **word_names.DOC_TITLES,
                              **marks.DOC_TITLES}


def available(doc_type: str) -> bool:
    """False for Word forms when LibreOffice is not installed and for web forms when Chromium is not (they
    are skipped with a note)."""
    if doc_type in WORD_DOCS:
        return word.soffice() is not None
    return doc_type not in WEB_DOCS or web.chromium() is not None


def build(doc_type: str, cast: Cast, seed_key: str = "") -> BuiltDoc:
    rng = random.Random(f"doc:{cast.seed}:{cast.applicant_index}:{doc_type}:{seed_key}")
    return BUILDERS[doc_type](written_with(cast, dot_for(cast, doc_type, seed_key)), rng)
