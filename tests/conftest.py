"""Shared fixtures: the sample article, the evaluation folder, temporary stores."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from newsevents.models import Place

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "afp_ghazni_2021-08-13.txt"


def shared_dir() -> Path:
    """The ``shared/`` folder beside the repository (or ``$NEWSEVENTS_SHARED``)."""
    env = os.environ.get("NEWSEVENTS_SHARED")
    return Path(env) if env else (ROOT / ".." / "shared").resolve()


def subtypes(text: str, published: date | None) -> set[str]:
    """The sub-event types of the events the pipeline reports for a text (loads the model)."""
    from newsevents.nlp.annotate import annotate_text

    return {e.sub_event_type for e in annotate_text(text, published, "t").events}


def places_in(text: str) -> list[Place]:
    """The places the geoparser reports for a text, with no entities from elsewhere (loads the model)."""
    from newsevents.nlp.model import load_nlp
    from newsevents.nlp.places import extract_places

    return extract_places(load_nlp()(text), [])


def eval_file(name: str) -> Path:
    """A dev evaluation file, or skip the test with the reason it is missing."""
    path = shared_dir() / "eval" / "dev" / name
    if not path.exists():
        pytest.skip(f"evaluation file {path} is absent (the shared/ folder is not beside the repo)")
    return path


@pytest.fixture
def example_path() -> Path:
    """The bundled example: one AFP story stored twice, one HTML fragment per line."""
    return EXAMPLE


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    """A fresh store path in a temporary folder."""
    return str(tmp_path / "test.db")
