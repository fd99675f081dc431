"""Prefixed plugin settings: defaults merged read-only, every problem reported at once.

Each plugin declares its options as a schema; ``read_settings`` returns a new
dict of values (never touching Pelican's defaults or the user's dict) or raises
``PluginSettingsError`` listing every bad value, so an administrator fixes the
configuration in one pass instead of one error per build.
"""

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)


class PluginSettingsError(ValueError):
    """Raised at start-up with one line per problem."""


@dataclass(frozen=True)
class Option:
    default: Any
    check: Callable[[Any], bool]
    expect: str  # what a good value looks like, said in the error


def read_settings(
    settings: Mapping[str, Any], prefix: str, schema: Mapping[str, Option]
) -> dict[str, Any]:
    """Values of ``PREFIX_NAME`` settings keyed by NAME, defaults filled in."""
    values, problems = {}, []
    for name, option in schema.items():
        value = settings.get(f"{prefix}_{name}", option.default)
        if not option.check(value):
            problems.append(f"{prefix}_{name} = {value!r}: expected {option.expect}")
        values[name] = value
    for key in sorted(settings):
        if key.startswith(f"{prefix}_") and key[len(prefix) + 1 :] not in schema:
            logger.warning("Unknown setting %s (known: %s)", key, ", ".join(schema))
    if problems:
        raise PluginSettingsError(
            f"{len(problems)} bad {prefix}_* setting(s) in pelicanconf.py:\n  "
            + "\n  ".join(problems)
        )
    return values


def whole_number(minimum: int = 0) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= minimum


def list_of_strings(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
