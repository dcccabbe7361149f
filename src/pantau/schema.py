"""JSON Schema (draft 2020-12) of the `pantau analyze --json` record, generated from model.py.

    python -m pantau.schema > docs/analyze.schema.json

The schema is derived from the dataclasses (`dataclasses.fields` + their type hints), so it
cannot drift from `Document.to_json_dict()`; tests/test_analyze_json.py checks that the file in
docs/ equals `analyze_schema()`. Choices:

- every field is `required`: `to_json_dict()` always emits every field, defaults included;
- `X | None` fields are nullable (`"type": [..., "null"]`, or `anyOf` with a `$ref`);
- `additionalProperties: false`: a field added to model.py changes the schema (regenerate the
  file), and a record with a renamed or stray field does not validate;
- `raw_text` is left out (`to_json_dict()` drops it);
- `Event.event_type` and `Event.modality` are enums (`PLOVER_TYPES`, `MODALITIES`);
- descriptions come from the class docstrings and the `# comments` beside the fields.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import re
import sys
import types
import typing
from typing import Any

from pantau import model

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# (class name, field name) -> allowed values
ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("Event", "event_type"): model.PLOVER_TYPES,
    ("Event", "modality"): model.MODALITIES,
}
# fields of the root record that the JSON form leaves out
DROPPED: dict[str, set[str]] = {"Document": {"raw_text"}}

_PRIMITIVES = {str: "string", int: "integer", float: "number", bool: "boolean"}
_FIELD_COMMENT = re.compile(r"^\s+(\w+)\s*:[^#\n]*#\s*(.+?)\s*$")


def _field_comments(cls: type) -> dict[str, str]:
    """`name: type = default  # comment` lines of a dataclass body -> {name: comment}."""
    try:
        source = inspect.getsource(cls)
    except (OSError, TypeError):
        return {}
    out = {}
    for line in source.splitlines():
        m = _FIELD_COMMENT.match(line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def _split_optional(tp: Any) -> tuple[Any, bool]:
    """`X | None` / `Optional[X]` -> (X, True); anything else -> (tp, False)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        nullable = len(args) < len(typing.get_args(tp))
        if len(args) != 1:
            raise TypeError(f"unsupported union {tp!r}: only `X | None` is supported")
        return args[0], nullable
    return tp, False


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    inner, nullable = _split_optional(tp)
    if dataclasses.is_dataclass(inner):
        _define(inner, defs)
        schema: dict[str, Any] = {"$ref": f"#/$defs/{inner.__name__}"}
        return {"anyOf": [schema, {"type": "null"}]} if nullable else schema
    if typing.get_origin(inner) is list:
        (item,) = typing.get_args(inner)
        schema = {"type": "array", "items": _type_schema(item, defs)}
    elif inner in _PRIMITIVES:
        schema = {"type": _PRIMITIVES[inner]}
    else:
        raise TypeError(f"no JSON Schema mapping for {inner!r}")
    if nullable:
        schema["type"] = [schema["type"], "null"]
    return schema


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, vars(model))
    comments = _field_comments(cls)
    dropped = DROPPED.get(cls.__name__, set())
    props: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in dropped:
            continue
        prop = _type_schema(hints[f.name], defs)
        enum = ENUMS.get((cls.__name__, f.name))
        if enum is not None:
            prop["enum"] = list(enum)
        if f.name in comments:
            prop = {"description": comments[f.name], **prop}
        props[f.name] = prop
    schema: dict[str, Any] = {"type": "object"}
    doc = inspect.getdoc(cls)
    if doc and not doc.startswith(cls.__name__ + "("):  # skip the auto-generated signature
        schema["description"] = " ".join(doc.split())
    schema.update(properties=props, required=list(props), additionalProperties=False)
    return schema


def _define(cls: type, defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # placeholder: guards against recursion
    defs[cls.__name__] = _object_schema(cls, defs)


def analyze_schema() -> dict[str, Any]:
    """The JSON Schema of one `pantau analyze --json` line (`Document.to_json_dict()`)."""
    defs: dict[str, Any] = {}
    root = _object_schema(model.Document, defs)
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "pantau analyze --json record",
        "description": ("One analysed article, as printed (one object per line) by `pantau analyze FILE... "
                        "--json`. Offsets (start, end) are character offsets into clean_text. Generated "
                        "from src/pantau/model.py by `python -m pantau.schema`; do not edit by hand."),
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def dumps() -> str:
    return json.dumps(analyze_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    sys.stdout.write(dumps())


if __name__ == "__main__":
    main()
