"""Region detectors take their parameters from the config, validated.

Each detector's keyword-only constructor arguments (with their defaults and
type annotations) are its parameters; ``params_model`` turns them into a strict
pydantic model, so ``detect.region_params`` in the config is checked the same
way as every other config section: a misspelt name or a wrong type is an error
that lists the valid names, never a silent fallback to the default.
"""

from __future__ import annotations

import inspect
import typing
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from redactor.errors import ConfigError


@lru_cache(maxsize=None)
def params_model(cls: type) -> type[BaseModel]:
    hints = typing.get_type_hints(cls.__init__)
    fields: dict[str, Any] = {}
    for name, p in inspect.signature(cls.__init__).parameters.items():
        if p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is not inspect.Parameter.empty:
            fields[name] = (hints.get(name, Any), p.default)
    return create_model(f"{cls.__name__}Params", __config__=ConfigDict(extra="forbid", frozen=True), **fields)


def build_detector(cls: type, name: str, overrides: dict[str, Any] | None) -> Any:
    """The detector with its defaults, overridden by the config's values for ``name``."""
    model = params_model(cls)
    try:
        params = model.model_validate(overrides or {})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors())
        valid = ", ".join(sorted(model.model_fields))
        raise ConfigError(f"invalid detect.region_params.{name}: {problems} (valid parameters: {valid})") from None
    return cls(**params.model_dump(exclude_unset=True))
