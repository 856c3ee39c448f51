"""NER scorer: CoNLL reading, chunking, token snapping and entity-level scoring on hand-built data."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from newsevents.eval.ner import (
    ConllDoc,
    chunks_from_tags,
    detokenise,
    evaluate,
    read_conll,
    score,
    to_chunks,
)
from newsevents.models import Entity, EntityKind

CONLL = """-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
. . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- -X- O

BRUSSELS NNP B-NP B-LOC
1996-08-22 CD I-NP O
"""


def _shared() -> Path:
    env = os.environ.get("NEWSEVENTS_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2] / ".." / "shared"


def _ent(start: int, end: int, text: str, kind: EntityKind, label: str = "ORG") -> Entity:
    return Entity(start=start, end=end, text=text, name=text, kind=kind, label=label)


@pytest.mark.parametrize("suffix", [".txt", ".txt.gz"])
def test_reader_splits_documents_and_sentences(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"ner{suffix}"
    if suffix.endswith(".gz"):
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            fh.write(CONLL)
    else:
        path.write_text(CONLL, encoding="utf-8")
    docs = list(read_conll(path))
    assert [d.tokens for d in docs] == [
        ["EU", "rejects", "German", "call", ".", "Peter", "Blackburn"],
        ["BRUSSELS", "1996-08-22"],
    ]
    assert docs[0].sentence_starts == [0, 5]
    assert docs[1].tags == ["B-LOC", "O"]


def test_reader_limit_counts_documents(tmp_path: Path) -> None:
    path = tmp_path / "ner.txt"
    path.write_text(CONLL, encoding="utf-8")
    assert len(list(read_conll(path, limit=1))) == 1


def test_reader_skips_a_line_without_a_tag(tmp_path: Path) -> None:
    path = tmp_path / "ner.txt"
    path.write_text("-DOCSTART- -X- -X- O\n\nEU B-ORG\nbroken\nrejects O\n", encoding="utf-8")
    (doc,) = read_conll(path)
    assert doc.tokens == ["EU", "rejects"]


@pytest.mark.parametrize(
    ("tags", "chunks"),
    [
        (["B-PER", "I-PER", "O", "B-LOC"], {(0, 2, "PER"), (3, 4, "LOC")}),
        (["B-PER", "B-PER"], {(0, 1, "PER"), (1, 2, "PER")}),
        (["I-ORG", "I-ORG", "O"], {(0, 2, "ORG")}),  # IOB1: an entity may open with I-
        (["I-ORG", "I-LOC"], {(0, 1, "ORG"), (1, 2, "LOC")}),
        (["O", "O"], set()),
        (["B-XYZ", "I-XYZ"], {(0, 2, "XYZ")}),
    ],
)
def test_chunks_from_tags(tags: list[str], chunks: set[tuple[int, int, str]]) -> None:
    assert chunks_from_tags(tags) == chunks


def test_detokenise_keeps_token_offsets() -> None:
    doc = ConllDoc(id="1", tokens=["EU", "rejects", "Peter"], tags=["O"] * 3, sentence_starts=[0, 2])
    text, starts, ends = detokenise(doc)
    assert text == "EU rejects\nPeter"
    assert [text[a:b] for a, b in zip(starts, ends, strict=True)] == ["EU", "rejects", "Peter"]


TOKENS_TEXT = "EU rejects German call . Peter Blackburn"
STARTS = [0, 3, 11, 18, 23, 25, 31]
ENDS = [2, 10, 17, 22, 24, 30, 40]


@pytest.mark.parametrize(
    ("entity", "chunk"),
    [
        (_ent(0, 2, "EU", "organisation"), (0, 1, "ORG")),
        (_ent(11, 17, "German", "nationality", "NORP"), (2, 3, "MISC")),
        (_ent(25, 40, "Peter Blackburn", "person", "PERSON"), (5, 7, "PER")),
        (_ent(31, 40, "Blackburn", "armed_group", "GAZ"), (6, 7, "ORG")),
        (_ent(31, 40, "Blackburn", "government", "RULE"), (6, 7, "ORG")),
        (_ent(11, 14, "Ger", "place", "GPE"), (2, 3, "MISC")),  # part of a token
    ],
)
def test_entities_map_to_conll_types(entity: Entity, chunk: tuple[int, int, str]) -> None:
    assert to_chunks([entity], STARTS, ENDS, TOKENS_TEXT) == {chunk}


@pytest.mark.parametrize(
    ("entity", "text"),
    [
        (_ent(0, 6, "police", "government", "RULE"), "police said"),
        (_ent(0, 6, "Police", "government", "RULE"), "Police said"),
    ],
)
def test_common_noun_bodies_are_not_scored(entity: Entity, text: str) -> None:
    assert to_chunks([entity], [0, 7], [6, 11], text) == set()


def test_capitalised_body_inside_a_sentence_is_scored() -> None:
    text = "the Interior Ministry said"
    ent = _ent(4, 21, "Interior Ministry", "government", "RULE")
    assert to_chunks([ent], [0, 4, 13, 22], [3, 12, 21, 26], text) == {(1, 3, "ORG")}


GOLD = [{(0, 1, "ORG"), (2, 3, "MISC"), (5, 7, "PER")}, {(0, 1, "LOC")}]


def test_score_perfect() -> None:
    m = score(GOLD, GOLD)
    assert (m["precision"], m["recall"], m["f1"], m["n"]) == (1.0, 1.0, 1.0, 2)
    assert m["PER_f1"] == 1.0 and m["LOC_n"] == 1


def test_score_empty_predictions() -> None:
    m = score(GOLD, [set(), set()])
    assert (m["precision"], m["recall"], m["f1"]) == (0.0, 0.0, 0.0)


def test_score_wrong_boundary_and_type_count_as_errors() -> None:
    preds = [{(0, 1, "ORG"), (2, 3, "LOC"), (5, 6, "PER")}, {(0, 1, "LOC")}]
    m = score(GOLD, preds)
    assert m["precision"] == 0.5 and m["recall"] == 0.5
    assert m["MISC_recall"] == 0.0 and m["PER_recall"] == 0.0 and m["ORG_f1"] == 1.0


def test_score_unknown_label_counts_against_precision() -> None:
    m = score([{(0, 1, "ORG")}], [{(0, 1, "ORG"), (1, 2, "FOO")}])
    assert m["precision"] == 0.5 and m["recall"] == 1.0 and m["FOO_precision"] == 0.0


def test_score_needs_one_prediction_per_document() -> None:
    with pytest.raises(ValueError, match="one prediction set per document"):
        score(GOLD, [set()])


@pytest.mark.slow
def test_evaluate_on_hand_built_file(tmp_path: Path) -> None:
    path = tmp_path / "ner.txt"
    path.write_text(CONLL, encoding="utf-8")
    preds = tmp_path / "pred.jsonl"
    m = evaluate(path, predictions=preds)
    assert m["n"] == 2 and m["n_gold"] == 4
    assert len(preds.read_text(encoding="utf-8").splitlines()) == 2


@pytest.mark.slow
def test_evaluate_dev_sample_scores_reasonably() -> None:
    path = _shared() / "eval" / "dev" / "ner_conllpp_dev.txt"
    if not path.exists():
        pytest.skip(f"evaluation file {path} is absent (the shared/ folder is not beside the repo)")
    m = evaluate(path, limit=10)
    assert m["n"] == 10
    assert m["f1"] > 0.5


def test_reader_cuts_a_file_without_docstart_at_sentence_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsevents.eval.ner.MAX_DOC_TOKENS", 3)
    path = tmp_path / "ner.txt"
    path.write_text("EU B-ORG\nrejects O\n\nGerman B-MISC\ncall O\nnow O\n\nPeter B-PER\n", encoding="utf-8")
    docs = list(read_conll(path))
    assert [d.tokens for d in docs] == [["EU", "rejects", "German", "call", "now"], ["Peter"]]
    assert docs[0].sentence_starts == [0, 2] and docs[1].sentence_starts == [0]
