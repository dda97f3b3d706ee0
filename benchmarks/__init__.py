"""Benchmarks and the synthetic evaluation corpus (not shipped with ``redactor``)."""
