"""`pantau analyze FILE... --json`: one JSON object per article (JSON Lines), in the format of
docs/analyze.schema.json, with the field names the issue fixes, consistent offsets, and nothing
stored. Runs the real CLI (in-process, CliRunner) on two of the bundled example articles."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # allow running without an installed package
    sys.path.insert(0, str(ROOT / "src"))

from typer.testing import CliRunner  # noqa: E402

from pantau.cli import app  # noqa: E402
from pantau.ingest import content_hash  # noqa: E402
from pantau.schema import analyze_schema  # noqa: E402

EXAMPLES = ROOT / "examples"
SCHEMA_FILE = ROOT / "docs" / "analyze.schema.json"
# the issue's list: "other tools will read this format, so keep these names"
TOP_FIELDS = {"id", "title", "outlet", "dateline", "published", "clean_text", "removed", "mentions",
              "time_values", "events", "quotes"}
MENTION_FIELDS = {"text", "start", "end", "entity_id", "canonical_name", "type"}
TIME_FIELDS = {"text", "value", "granularity", "flags"}
EVENT_FIELDS = {"event_type", "actors", "recipients", "date", "location", "modality", "cameo_code",
                "goldstein", "quad_class", "evidence"}
ACTOR_FIELDS = {"code", "country", "sector", "entity_id", "text"}
EVIDENCE_FIELDS = {"text", "start", "end"}
NON_STATE = ("IGO", "NGO", "MNC", "WST", "IMG", "UIS")
QUOTE_FIELDS = {"text", "speaker_entity_id", "speaker_name", "cue"}


def _example_files() -> list[Path]:
    files = sorted(EXAMPLES.glob("*.txt"))
    if len(files) < 2:
        pytest.skip(f"need two example articles in {EXAMPLES}")
    return files[:2]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One `pantau analyze --json` over two examples, in an empty working directory."""
    files = _example_files()
    cwd = tmp_path_factory.mktemp("analyze_cwd")
    old = os.getcwd()
    env = {"PANTAU_DB": ""}  # an exported PANTAU_DB must not matter either
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, ["analyze", *map(str, files), "--json"], env=env)
    finally:
        os.chdir(old)
    return {"files": files, "cwd": cwd, "result": result}


@pytest.fixture(scope="module")
def records(run) -> list[dict]:
    result = run["result"]
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.stderr}\n{result.exception!r}"
    lines = result.stdout.splitlines()
    out = []
    for i, line in enumerate(lines, 1):
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as e:
            pytest.fail(f"stdout line {i} is not JSON ({e}): {line[:200]!r}")
    return out


# ----------------------------------------------------------------------------- a tiny validator
# jsonschema is not a dependency; this covers exactly the keywords pantau.schema emits, and
# test_validator_covers_schema_keywords makes sure it is not silently ignoring any.

_STRUCTURAL = {"$schema", "$defs", "title", "description"}
_CHECKED = {"type", "properties", "required", "additionalProperties", "items", "$ref", "anyOf", "enum"}
_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def validate(value, schema: dict, root: dict, path: str = "$") -> list[str]:
    errors: list[str] = []
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/$defs/"), ref
        errors += validate(value, root["$defs"][ref.split("/")[-1]], root, path)
    if "anyOf" in schema:
        branches = [validate(value, s, root, path) for s in schema["anyOf"]]
        if all(branches):
            errors.append(f"{path}: matches no anyOf branch ({'; '.join(b[0] for b in branches)})")
    if "type" in schema:
        allowed = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](value) for t in allowed):
            return errors + [f"{path}: {type(value).__name__} {value!r:.60} is not {allowed}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{path}: missing required {key!r}")
        for key, v in value.items():
            if key in props:
                errors += validate(v, props[key], root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unexpected field {key!r}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            errors += validate(v, schema["items"], root, f"{path}[{i}]")
    return errors


def _keywords(schema, found: set[str]) -> set[str]:
    if isinstance(schema, dict):
        for k, v in schema.items():
            found.add(k)
            if k in ("properties", "$defs"):
                for sub in v.values():
                    _keywords(sub, found)
            elif k in ("items", "additionalProperties"):
                _keywords(v, found)
            elif k == "anyOf":
                for sub in v:
                    _keywords(sub, found)
    return found


# ----------------------------------------------------------------------------- the schema file

def test_schema_file_is_generated_from_model():
    assert SCHEMA_FILE.is_file(), "docs/analyze.schema.json missing: python -m pantau.schema > docs/analyze.schema.json"
    shipped = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert shipped == analyze_schema(), (
        "docs/analyze.schema.json is stale: regenerate with `python -m pantau.schema > docs/analyze.schema.json`")


def test_schema_is_draft_2020_12_and_keeps_the_contract_names():
    s = analyze_schema()
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "raw_text" not in s["properties"]
    defs = s["$defs"]
    for fields, where in ((TOP_FIELDS, s), (MENTION_FIELDS, defs["Mention"]), (TIME_FIELDS, defs["TimeValue"]),
                          (EVENT_FIELDS, defs["Event"]), (ACTOR_FIELDS, defs["Actor"]),
                          (EVIDENCE_FIELDS, defs["Evidence"]), (QUOTE_FIELDS, defs["Quote"])):
        assert fields <= set(where["properties"]), fields - set(where["properties"])
        assert fields <= set(where["required"])
    # nullability follows the type hints
    assert s["properties"]["published"]["type"] == ["string", "null"]
    assert s["properties"]["clean_text"]["type"] == "string"
    assert defs["Event"]["properties"]["location"] == {"anyOf": [{"$ref": "#/$defs/Place"}, {"type": "null"}]}
    assert defs["Event"]["properties"]["goldstein"]["type"] == ["number", "null"]
    assert defs["Event"]["properties"]["quad_class"]["type"] == ["integer", "null"]
    assert defs["TimeValue"]["properties"]["flags"]["items"] == {"type": "string"}


def test_validator_covers_schema_keywords():
    used = _keywords(analyze_schema(), set())
    assert used <= _STRUCTURAL | _CHECKED, f"validator does not check {used - _STRUCTURAL - _CHECKED}"


def test_validator_rejects_bad_records():
    s = analyze_schema()
    assert validate({"id": "x"}, s, s), "an incomplete record must not validate"
    good_actor = {"code": "TUR", "country": "TUR", "sector": None, "entity_id": None, "text": "Turki"}
    assert validate(good_actor, s["$defs"]["Actor"], s) == []
    assert validate({**good_actor, "code": 3}, s["$defs"]["Actor"], s)
    assert validate({**good_actor, "extra": 1}, s["$defs"]["Actor"], s)


# ----------------------------------------------------------------------------- the command's output

def test_one_json_line_per_article(run, records):
    assert len(records) == len(run["files"])
    wanted = [content_hash(f.read_text(encoding="utf-8")) for f in run["files"]]
    assert [r["id"] for r in records] == wanted, "one record per input file, in input order, id = content hash"


def test_records_validate_against_shipped_schema(records):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    for r in records:
        errors = validate(r, schema, schema)
        assert not errors, f"{r['id']}: " + "\n".join(errors[:20])


def test_records_have_the_issue_field_names(records):
    for r in records:
        assert TOP_FIELDS <= set(r), TOP_FIELDS - set(r)
        assert "raw_text" not in r
        for m in r["mentions"]:
            assert MENTION_FIELDS <= set(m)
        for t in r["time_values"]:
            assert TIME_FIELDS <= set(t)
        for e in r["events"]:
            assert EVENT_FIELDS <= set(e)
            assert EVIDENCE_FIELDS <= set(e["evidence"])
            for a in e["actors"] + e["recipients"]:
                assert ACTOR_FIELDS <= set(a)
        for q in r["quotes"]:
            assert QUOTE_FIELDS <= set(q)


def test_records_are_not_empty(records):
    """The examples are real news articles: each yields text, entities and events."""
    for r in records:
        assert len(r["clean_text"]) > 200
        assert r["mentions"], r["id"]
        assert r["events"], r["id"]
    assert any(r["time_values"] for r in records)
    assert any(r["quotes"] for r in records)


def test_offsets_point_into_clean_text(records):
    for r in records:
        text = r["clean_text"]
        bad = []
        for kind in ("mentions", "time_values", "quotes", "sentences"):
            for item in r[kind]:
                if not (0 <= item["start"] <= item["end"] <= len(text)):
                    bad.append(f"{kind}: offsets {item['start']}..{item['end']} outside text")
                elif kind in ("mentions", "time_values") and text[item["start"]:item["end"]] != item["text"]:
                    bad.append(f"{kind}: clean_text[{item['start']}:{item['end']}] = "
                               f"{text[item['start']:item['end']]!r} != {item['text']!r}")
        for e in r["events"]:
            ev = e["evidence"]
            if not (0 <= ev["start"] <= ev["end"] <= len(text)):
                bad.append(f"event {e['event_type']}: evidence offsets {ev['start']}..{ev['end']} outside text")
            elif ev["text"] not in text:
                bad.append(f"event {e['event_type']}: evidence text not in clean_text: {ev['text'][:80]!r}")
            elif ev["text"].strip() not in text[ev["start"]:ev["end"]] and text[ev["start"]:ev["end"]].strip() not in ev["text"]:
                bad.append(f"event {e['event_type']}: evidence span {text[ev['start']:ev['end']][:60]!r} "
                           f"disagrees with its text {ev['text'][:60]!r}")
        assert not bad, f"{r['id']}:\n" + "\n".join(bad[:20])


def test_boilerplate_is_reported_not_kept(records):
    for r in records:
        for line in r["removed"]:
            assert isinstance(line, str) and line.strip()
            assert line.strip() not in r["clean_text"].splitlines(), f"removed line still in clean_text: {line!r}"


def test_event_codes_are_consistent(records):
    for r in records:
        for e in r["events"]:
            for a in e["actors"] + e["recipients"]:
                # a state actor's code starts with its country (TURMIL / TUR); IGOUNO, WST... do not
                if a["code"] and a["country"] and not a["code"].startswith(NON_STATE):
                    assert a["code"][:3] == a["country"], a
            if e["quad_class"] is not None:
                assert e["quad_class"] in (1, 2, 3, 4)
            if e["goldstein"] is not None:
                assert -10.0 <= e["goldstein"] <= 10.0


def test_nothing_is_stored(run, records):
    leftovers = sorted(p.name for p in run["cwd"].iterdir())
    assert leftovers == [], f"analyze wrote files into the working directory: {leftovers}"


def test_unreadable_input_fails(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(app, ["analyze", str(empty), "--json"])
    assert result.exit_code != 0
    assert result.stdout == ""
    assert "empty.txt" in result.stderr
