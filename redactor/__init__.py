"""redactor: remove a job applicant's own personal data from Chinese dossiers for blind review.

Public API (imported lazily so that ``import redactor`` stays cheap)::

    from redactor import load_config, load_profile, Pipeline
    pipe = Pipeline(load_config())
    outcome = pipe.run("form.pdf", load_profile("profile.yaml"), "out/", stem="form")
"""

import importlib

from redactor._version import __version__

__all__ = ["__version__", "Pipeline", "load_config", "load_profile", "RedactorError"]


def __getattr__(name: str):
    if name == "Pipeline":
        return importlib.import_module("redactor.pipeline").Pipeline
    if name in ("load_config", "load_profile"):
        return getattr(importlib.import_module("redactor.config"), name)
    if name == "RedactorError":
        return importlib.import_module("redactor.errors").RedactorError
    raise AttributeError(name)
