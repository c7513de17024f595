"""Crafted model files give a clear ModelError, never a traceback or gigabytes of memory."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from framing.classifiers import models
from framing.errors import ModelError

SHIPPED = Path(models.__file__).resolve().parents[1] / "models" / "hedge.skops"


def _rewrite_schema(target: Path, change) -> Path:
    with zipfile.ZipFile(SHIPPED) as source:
        schema = json.loads(source.read("schema.json"))
        change(schema)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for info in source.infolist():
                data = json.dumps(schema).encode() if info.filename == "schema.json" else source.read(info)
                archive.writestr(info.filename, data)
    target.write_bytes(out.getvalue())
    return target


def test_a_reduce_node_payload_is_a_model_error(tmp_path: Path):
    def reduce(schema):
        schema["__loader__"] = "ReduceNode"
        schema["__reduce__"] = {"args": {"__class__": "tuple", "__module__": "builtins", "__loader__": "TupleNode", "content": []}}

    path = _rewrite_schema(tmp_path / "reduce.skops", reduce)
    with pytest.raises(ModelError) as error:
        models.load_model(path)
    assert str(error.value).startswith(f"{path.resolve()}: not a framing model file: TypeError: ")


def test_a_zip_bomb_is_refused_before_it_is_expanded(tmp_path: Path, monkeypatch):
    path = tmp_path / "bomb.skops"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("schema.json", "{}")
        with archive.open("zeros.npy", "w", force_zip64=True) as member:
            for _ in range(8):
                member.write(bytes(1 << 20))
    assert path.stat().st_size < 100_000
    monkeypatch.setattr(models, "MAX_MODEL_EXPANDED_BYTES", 4 << 20)

    def must_not_load(*args, **kwargs):
        raise AssertionError("the archive was expanded")

    monkeypatch.setattr(models, "upgrade_model_bytes", must_not_load)
    with pytest.raises(ModelError) as error:
        models.load_model(path)
    assert str(error.value) == (
        f"{path.resolve()}: not a framing model file: it would expand to 8,388,610 bytes (the limit is 4,194,304); not read"
    )
