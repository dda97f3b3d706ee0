"""Keyed hashes of values for the audit, as a presidio-anonymizer operator.

The audit never holds a value, not even partly.  An operator correlates
findings across files with HMAC-SHA256(key, normalised value): without the key
the hashes cannot be brute-forced over the small space of Chinese names.  The
key comes from the environment variable named by ``audit.key_env``; without it
a random per-run key is used and the audit says so ("ephemeral").
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from typing import Any

from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult
from presidio_anonymizer.operators import Operator, OperatorType

from redactor.normalize import compact


class KeyedHash(Operator):
    """HMAC-SHA256 of the text under ``params['key']`` (hex, first 16 bytes)."""

    def operate(self, text: str = None, params: dict[str, Any] = None) -> str:  # type: ignore[assignment]
        key = params["key"]
        return "hmac-sha256:" + hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()[:32]

    def validate(self, params: dict[str, Any] = None) -> None:  # type: ignore[assignment]
        if not params or not isinstance(params.get("key"), bytes) or len(params["key"]) < 16:
            raise ValueError("keyed_hash needs a key of at least 16 bytes")

    def operator_name(self) -> str:
        return "keyed_hash"

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize


class ValueHasher:
    def __init__(self, key_env: str = "REDACTOR_AUDIT_KEY") -> None:
        env = os.environ.get(key_env, "")
        if env:
            self.key = hashlib.sha256(env.encode()).digest()
            self.key_source = f"env:{key_env}"
        else:
            self.key = secrets.token_bytes(32)
            self.key_source = "ephemeral"
        self.engine = AnonymizerEngine()
        self.engine.add_anonymizer(KeyedHash)

    def digest(self, value: str) -> str:
        norm = compact(value)
        if not norm:
            return ""
        res = self.engine.anonymize(
            text=norm,
            analyzer_results=[RecognizerResult("VALUE", 0, len(norm), 1.0)],
            operators={"DEFAULT": OperatorConfig("keyed_hash", {"key": self.key})},
        )
        return res.text
