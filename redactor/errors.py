"""Errors with exit codes and remedies.

Every message names the file it concerns and says what to do.  The CLI maps
``exit_code`` to the process exit status (see docs/errors.md).
"""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    OK = 0
    LEAK_FOUND = 1             # `verify` found the applicant's data
    BAD_ARGS = 2               # usage errors (typer/click use 2 as well)
    INPUT_FILE = 3             # unreadable, corrupt, encrypted, empty or absurd input
    CONFIG = 4                 # bad config or profile
    MISSING_MODEL = 5          # a model file is missing or its hash differs
    OCR_ENGINE = 6             # the OCR engine failed
    VERIFICATION_FAILED = 7    # redaction output failed verification: not released
    OUTPUT_FOLDER = 8          # the output folder cannot be used (found before any work)
    INTERNAL = 10


class RedactorError(Exception):
    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        super().__init__(message)

    def one_line(self) -> str:
        msg = " ".join(str(self).split())
        return f"{self.path}: {msg}" if self.path else msg


class InputFileError(RedactorError):
    """The input cannot be processed; the other inputs still are."""

    exit_code = ExitCode.INPUT_FILE


class EncryptedPdfError(InputFileError):
    def __init__(self, path: str) -> None:
        super().__init__(
            "PDF is password-protected; remove the password (e.g. print to PDF) and run again",
            path=path,
        )


class ConfigError(RedactorError):
    exit_code = ExitCode.CONFIG


class ProfileError(ConfigError):
    """The applicant profile is invalid; nothing was processed."""


class ManifestError(ConfigError):
    """The batch manifest itself is unusable (not found, not UTF-8, unknown column); no row ran."""


class OutputFolderError(RedactorError):
    """The output folder cannot be written; found before any document is processed."""

    exit_code = ExitCode.OUTPUT_FOLDER


class MissingModelError(RedactorError):
    exit_code = ExitCode.MISSING_MODEL


class OcrEngineError(RedactorError):
    exit_code = ExitCode.OCR_ENGINE


class VerificationFailedError(RedactorError):
    """Output still holds applicant data; it was not released."""

    exit_code = ExitCode.VERIFICATION_FAILED


class Cancelled(Exception):
    """Raised by a ``PageProgress`` callback to stop the run between pages (the web app's deleted job).

    Not a RedactorError: nothing is wrong with the document, and every stage lets it through unchanged."""
