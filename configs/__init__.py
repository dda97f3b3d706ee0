"""Packaged configuration files (installed as ``redactor.configs``)."""
