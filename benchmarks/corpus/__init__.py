"""Seeded synthetic evaluation corpus for ``redactor`` (all people invented).

Public API::

    generate_dossier(seed, applicant_index, paths=("born_digital",), doc_types=None) -> Dossier
    make_cast(seed, applicant_index) -> Cast          # the applicant and the decoys
    build(doc_type, cast) -> BuiltDoc                 # one born-digital document + ground truth
    render(path, pdf, instances, rng, **kw)           # scanned / phone_photo / ... + transformed truth

Ground-truth instance (JSON)::

    {"id": "lunwen-003", "category": "name", "owner": "applicant", "form": "chinese_name",
     "page": 1, "bbox": [x0, y0, x1, y1], "text": "王淑珺", ...optional extras}

``bbox`` is in PDF points, top-left origin, unrotated page space (for image files:
points at the file's DPI, with ``bbox_px`` in pixels).  Optional extras: ``group``
(pieces of one value split across lines), ``shared`` (the applicant's employer named
for someone else), ``role`` (who an ``other`` value belongs to), ``payload`` (QR
content), ``in_raster`` (drawn inside a pasted image).  See ``sample_docs/README.md``.
"""

from typing import Any

from .catalog import BUILDERS, CLASSIC, DOC_TITLES, VARIETY, build
from .documents import BuiltDoc
from .people import Applicant, Cast, Org, Person, make_cast
from .render import PATHS, RenderedFile, render

_GENERATE = ("ALL_PATHS", "CATEGORIES", "SCHEMA", "Dossier", "GeneratedFile", "generate_dossier")


def __getattr__(name: str) -> Any:
    # imported lazily so that ``python -m benchmarks.corpus.generate`` runs cleanly
    if name in _GENERATE:
        from . import generate
        return getattr(generate, name)
    raise AttributeError(name)

__all__ = [
    "ALL_PATHS", "BUILDERS", "CATEGORIES", "CLASSIC", "VARIETY", "DOC_TITLES", "PATHS", "SCHEMA", "Applicant", "BuiltDoc", "Cast",
    "Dossier", "GeneratedFile", "Org", "Person", "RenderedFile", "build", "generate_dossier", "make_cast", "render",
]
