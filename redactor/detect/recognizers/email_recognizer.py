"""E-mail addresses.  Presidio's own EmailRecognizer validates TLDs with
tldextract, which may fetch the public suffix list over the network; this one
does not."""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from redactor.normalize import EMAIL_RE


class EmailRecognizer(PatternRecognizer):
    NAME = "email.v1"
    PATTERNS = [Pattern("email", r"(?<![A-Za-z0-9._%+\-])" + EMAIL_RE.pattern, 0.7)]
    CONTEXT = ["E-mail", "Email", "邮箱", "电子邮箱", "电子邮件"]

    def __init__(self, patterns: list[Pattern] | None = None, context: list[str] | None = None,
                 supported_language: str = "zh", supported_entity: str = "EMAIL_ADDRESS", name: str | None = None) -> None:
        super().__init__(supported_entity=supported_entity, patterns=patterns or self.PATTERNS,
                         context=context or self.CONTEXT, supported_language=supported_language,
                         name=name or self.NAME, version="1")
