"""Model manifest and the saved spaCy pipeline (installed as ``redactor.models``)."""
