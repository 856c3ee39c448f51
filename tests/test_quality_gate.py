"""The quality gate: dev-set metrics may not fall below the floors in quality_floors.json."""

from __future__ import annotations

import importlib
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, eval_file

FLOORS = Path(__file__).with_name("quality_floors.json")
LOWER_FLAG = "Lower-floor:"


def _gates() -> list[dict[str, Any]]:
    """The gates listed in the floors file."""
    return list(json.loads(FLOORS.read_text(encoding="utf-8"))["gates"])


def _gate_id(gate: dict[str, Any]) -> str:
    """A readable test id for one gate."""
    return f"{gate['task']}-{gate['file']}"


@pytest.mark.slow
@pytest.mark.parametrize("gate", _gates(), ids=_gate_id)
def test_dev_metrics_stay_above_their_floors(gate: dict[str, Any]) -> None:
    path = eval_file(gate["file"])
    module = importlib.import_module(f"newsevents.eval.{gate['task']}")
    metrics = module.evaluate(path, limit=gate.get("limit"))
    below = {
        name: (metrics.get(name), floor)
        for name, floor in gate["metrics"].items()
        if metrics.get(name) is None or float(metrics[name]) < float(floor) - 1e-9
    }
    above = {
        name: (metrics.get(name), ceiling)
        for name, ceiling in gate.get("ceilings", {}).items()
        if metrics.get(name) is None or float(metrics[name]) > float(ceiling) + 1e-9
    }
    assert not below, f"metrics below their floors (measured, floor): {below}"
    assert not above, f"metrics above their ceilings (measured, ceiling): {above}"


def _floors_at(rev: str) -> dict[tuple[str, str, str], float] | None:
    """The floors recorded at a git revision, or None when the file did not exist there."""
    rel = FLOORS.relative_to(ROOT).as_posix()
    try:
        text = subprocess.run(
            ["git", "show", f"{rev}:{rel}"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None
    return _flatten(json.loads(text))


def _flatten(data: dict[str, Any]) -> dict[tuple[str, str, str], float]:
    """(task, file, metric) -> floor; a ceiling (lower is better) is kept negated, so that
    loosening either one reads as lowering."""
    floors = {(g["task"], g["file"], m): float(v) for g in data["gates"] for m, v in g["metrics"].items()}
    ceilings = {
        (g["task"], g["file"], f"{m} (ceiling)"): -float(v)
        for g in data["gates"]
        for m, v in g.get("ceilings", {}).items()
    }
    return floors | ceilings


def lowered_floors(
    old: dict[tuple[str, str, str], float], new: dict[tuple[str, str, str], float]
) -> list[tuple[str, str, str]]:
    """Floors that were dropped or lowered between two versions of the file."""
    return [key for key, value in old.items() if key not in new or new[key] < value - 1e-12]


def test_lowered_floors_are_detected() -> None:
    old = {("geo", "a.jsonl", "f1"): 0.8, ("geo", "a.jsonl", "p"): 0.7}
    assert lowered_floors(old, {("geo", "a.jsonl", "f1"): 0.85, ("geo", "a.jsonl", "p"): 0.7}) == []
    assert lowered_floors(old, {("geo", "a.jsonl", "f1"): 0.79, ("geo", "a.jsonl", "p"): 0.7}) == [
        ("geo", "a.jsonl", "f1")
    ]
    assert lowered_floors(old, {("geo", "a.jsonl", "f1"): 0.8}) == [("geo", "a.jsonl", "p")]


def test_floors_only_go_up_unless_the_commit_says_why() -> None:
    previous = _floors_at("HEAD~1")
    if previous is None:
        pytest.skip("no earlier commit with a floors file to compare against")
    current = _flatten(json.loads(FLOORS.read_text(encoding="utf-8")))
    lowered = lowered_floors(previous, current)
    if not lowered:
        return
    message = subprocess.run(
        ["git", "log", "-1", "--format=%B"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert LOWER_FLAG in message, (
        f"floors lowered without a '{LOWER_FLAG} <reason>' line in the commit message: {lowered}"
    )
