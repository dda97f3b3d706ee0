"""The batch manifest: one row per applicant, CSV (as Excel/WPS export it) or JSONL.

Columns: ``applicant_id``; the profile either inline (``name``, ``id_number``,
``phones``, ``employers``, ``name_aliases``, ``emails``; lists separated by
``;``) or as a ``profile`` path; and ``inputs`` (a folder, or files and globs
separated by ``;``).  Relative paths are relative to the manifest's folder.

Every row is checked before any work starts.  A bad row yields one line naming
its row number and field and never the value (it may be personal data); the
other rows go on.  CSV row numbers are the spreadsheet's (the header is row 1);
JSONL row numbers are line numbers.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, field_validator

from redactor.config import load_profile, profile_from_mapping
from redactor.errors import ConfigError, ManifestError
from redactor.fields import FIELDS
from redactor.ingest import supported_input
from redactor.model import ApplicantProfile

PROFILE_COLUMNS = tuple(f.name for f in FIELDS)          # redactor.fields
LIST_COLUMNS = tuple(f.name for f in FIELDS if f.multi)
COLUMNS = ("applicant_id", *PROFILE_COLUMNS, "profile", "inputs")
_GLOB = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Applicant:
    applicant_id: str
    profile: ApplicantProfile
    inputs: tuple[str, ...]          # absolute paths, in a stable order


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str

    def one_line(self, manifest: str) -> str:
        return f"{manifest} row {self.row} ({self.field}): {self.message}"


@dataclass(frozen=True)
class Manifest:
    path: str
    applicants: tuple[Applicant, ...]
    errors: tuple[RowError, ...]


class _RowChecks(BaseModel):
    """A row's shape; the profile's own checks are redactor.config's."""

    model_config = ConfigDict(extra="forbid")

    @field_validator(*LIST_COLUMNS, "inputs", mode="before", check_fields=False)
    @classmethod
    def _split(cls, v: Any) -> Any:
        if isinstance(v, str):
            return [x.strip() for x in v.split(";") if x.strip()]
        return v

    @field_validator("applicant_id", *(f.name for f in FIELDS if not f.multi), "profile", mode="before",
                     check_fields=False)
    @classmethod
    def _strip(cls, v: Any) -> Any:
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            v = str(v)
        return v.strip() if isinstance(v, str) else v


_Row = create_model(
    "_Row",
    __base__=_RowChecks,
    applicant_id=(str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")),
    **{f.name: (list[str], Field(default_factory=list)) if f.multi else (str, "") for f in FIELDS},
    profile=(str, ""),
    inputs=(list[str], Field(min_length=1)),
)


def read_manifest(path: str | Path) -> Manifest:
    """Parse and check every row.  Raises ManifestError only when the file itself is unusable."""
    p = Path(path)
    if not p.is_file():
        raise ManifestError("manifest not found; check the path", path=str(p))
    try:
        text = p.read_bytes().decode("utf-8-sig")     # Excel and WPS write a BOM
    except UnicodeDecodeError:
        raise ManifestError("manifest is not UTF-8; save it as 'CSV UTF-8' (Excel) or UTF-8 (WPS)", path=str(p)) from None
    rows = _jsonl_rows(text, p) if p.suffix.lower() in (".jsonl", ".ndjson") else _csv_rows(text, p)
    base = p.resolve().parent
    applicants: list[Applicant] = []
    errors: list[RowError] = []
    seen: set[str] = set()
    for number, raw in rows:
        if isinstance(raw, RowError):
            errors.append(raw)
            continue
        try:
            a = _applicant(number, raw, base)
        except _RowProblem as exc:
            errors.append(exc.error)
            continue
        if a.applicant_id.lower() in seen:
            errors.append(RowError(number, "applicant_id", "the same applicant_id is on an earlier row"))
            continue
        seen.add(a.applicant_id.lower())
        applicants.append(a)
    if not applicants and not errors:
        raise ManifestError("manifest has no rows", path=str(p))
    return Manifest(str(p), tuple(applicants), tuple(errors))


# --- reading ------------------------------------------------------------------------

def _csv_rows(text: str, path: Path) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
    first = text.split("\n", 1)[0]
    delimiter = "," if "," in first else "\t" if "\t" in first else ";" if ";" in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)   # Excel: ','; some locales: ';' or tab
    header = [h.strip().lower() for h in next(reader, [])]
    _check_header(header, path)
    for cells in reader:
        row = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            yield row, RowError(row, "(row)", f"{len(cells)} cells but {len(header)} columns in the header")
            continue
        yield row, {k: v for k, v in zip(header, cells) if v.strip()}


def _jsonl_rows(text: str, path: Path) -> Iterator[tuple[int, dict[str, Any] | RowError]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, RowError(number, "(row)", f"not valid JSON (column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield number, RowError(number, "(row)", "must be a JSON object")
            continue
        unknown = sorted(set(obj) - set(COLUMNS))
        if unknown:
            yield number, RowError(number, unknown[0], f"unknown field; valid fields: {', '.join(COLUMNS)}")
            continue
        yield number, obj


def _check_header(header: list[str], path: Path) -> None:
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise ManifestError(f"unknown column {unknown[0]!r}; valid columns: {', '.join(COLUMNS)}", path=str(path))
    for need in ("applicant_id", "inputs"):
        if need not in header:
            raise ManifestError(f"the header has no {need!r} column", path=str(path))
    if "profile" not in header and "name" not in header:
        raise ManifestError("the header needs a 'profile' column or the profile columns (name, …)", path=str(path))


# --- checking -----------------------------------------------------------------------

class _RowProblem(Exception):
    def __init__(self, error: RowError) -> None:
        self.error = error


def _applicant(number: int, raw: dict[str, Any], base: Path) -> Applicant:
    try:
        row = _Row.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "(row)"
        msg = first["msg"]
        if field == "applicant_id" and first["type"] == "string_pattern_mismatch":
            msg = "use 1-64 letters, digits, '.', '_' or '-' (it names the output folder)"
        raise _RowProblem(RowError(number, field, msg)) from None
    return Applicant(row.applicant_id, _profile(number, row, base), _inputs(number, row.inputs, base))


def _profile(number: int, row: _Row, base: Path) -> ApplicantProfile:
    inline = {k: getattr(row, k) for k in PROFILE_COLUMNS if getattr(row, k)}
    if row.profile and inline:
        raise _RowProblem(RowError(number, "profile", "give either a profile file or the profile columns, not both"))
    try:
        if row.profile:
            return load_profile(_resolve(row.profile, base))
        if not inline.get("name"):
            raise _RowProblem(RowError(number, "name", "missing (or give a profile file in the 'profile' column)"))
        return profile_from_mapping(inline)
    except ConfigError as exc:   # its message names fields and reasons, never values; its path may carry a name
        msg = " ".join(str(exc).split())
        field = next((f for f in PROFILE_COLUMNS if msg.startswith(f"invalid profile: {f}")), "profile")
        raise _RowProblem(RowError(number, field, msg)) from None


def _resolve(entry: str, base: Path) -> Path:
    p = Path(entry).expanduser()
    return p if p.is_absolute() else base / p


def _inputs(number: int, entries: list[str], base: Path) -> tuple[str, ...]:
    found: list[str] = []
    for i, entry in enumerate(entries, start=1):
        p = _resolve(entry, base)
        if _GLOB.search(entry):
            hits = [Path(h) for h in sorted(glob.glob(str(p), recursive=True))]
            files = [h for h in hits if h.is_file() and supported_input(h)]
            if not files:
                raise _RowProblem(RowError(number, "inputs", f"entry {i} (a pattern) matches no PDF or image file"))
        elif p.is_dir():
            files = sorted(h for h in p.rglob("*") if h.is_file() and supported_input(h) and not h.name.startswith("."))
            if not files:
                raise _RowProblem(RowError(number, "inputs", f"entry {i} is a folder with no PDF or image file"))
        elif p.is_file():
            files = [p]
        else:
            raise _RowProblem(RowError(number, "inputs", f"entry {i} does not exist; check the path"))
        found.extend(str(f.resolve()) for f in files)
    return tuple(dict.fromkeys(found))
