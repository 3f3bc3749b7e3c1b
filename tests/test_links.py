"""Duplicates, related questions and concepts: right, both ways, and measured."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import Generated
from generator.link import MAX_RELATED
from generator.report import evaluate, load_labels

from .conftest import ROOT, SEEDS, generated_from, run_cli

LABELS = ROOT / "tests" / "data" / "links.yml"


@pytest.fixture(scope="module")
def generated() -> Generated:
    return generated_from(SEEDS)


@pytest.fixture(scope="module")
def finder_only() -> Generated:
    """The link finder alone, without the curation file's forced and forbidden pairs."""
    return generated_from(SEEDS, overrides=False)


def ids_of(generated: Generated, text: str) -> list[str]:
    return [e.id for e in generated.guide.entries if text in e.question.text]


@pytest.mark.parametrize(
    "text", ["bias-variance tradeoff", "between generative and discriminative models"]
)
def test_known_duplicates_are_linked_both_ways(generated: Generated, text: str) -> None:
    first, second = ids_of(generated, text)
    assert generated.links.duplicates[first] == (second,)
    assert generated.links.duplicates[second] == (first,)


def test_links_are_symmetric_bounded_and_resolve(generated: Generated) -> None:
    known = {entry.id for entry in generated.guide.entries}
    for kind in (generated.links.duplicates, generated.links.related):
        for source, targets in kind.items():
            assert source not in targets
            assert set(targets) <= known
            assert len(set(targets)) == len(targets)
            for target in targets:
                assert source in kind[target]
    assert max(len(t) for t in generated.links.related.values()) <= MAX_RELATED
    for source, targets in generated.links.related.items():
        assert not set(targets) & set(generated.links.duplicates[source])


def test_related_are_best_first(generated: Generated) -> None:
    order = {frozenset((p.a, p.b)): i for i, p in enumerate(generated.links.related_pairs)}
    for source, targets in generated.links.related.items():
        ranks = [order[frozenset((source, t))] for t in targets]
        assert ranks == sorted(ranks)


def test_curation_forces_and_forbids(generated: Generated, finder_only: Generated) -> None:
    assert "backpropagation-high-schooler" in generated.links.duplicates["backpropagation"]
    assert "backpropagation-high-schooler" not in finder_only.links.duplicates["backpropagation"]
    assert "bias-model-evaluation" in finder_only.links.related["bias-variance-tradeoff"]
    assert "bias-model-evaluation" not in generated.links.related["bias-variance-tradeoff"]


def test_enough_hand_labelled_pairs(finder_only: Generated) -> None:
    labels = load_labels(LABELS, finder_only.guide)
    assert len(labels) >= 30
    assert set(labels.values()) == {"duplicate", "related", "unrelated"}


def test_precision_on_hand_labelled_pairs(finder_only: Generated) -> None:
    duplicates, related = evaluate(finder_only.links, load_labels(LABELS, finder_only.guide))
    assert duplicates.precision >= 0.9
    assert related.precision >= 0.8
    assert duplicates.predicted >= 5 and related.predicted >= 15


def test_links_eval_command() -> None:
    code, out, err = run_cli("links", "--eval")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Link finder on tests/data/links.yml (without curation overrides):"
    assert lines[1].split()[:2] == ["duplicate", "precision"]
    assert lines[2].split()[:2] == ["related", "precision"]


def test_links_report_command() -> None:
    code, out, _ = run_cli("links")
    assert code == 0
    for heading in (
        "Duplicate groups",
        "Weakest related links kept",
        "Strongest related links rejected",
        "Questions with no related question",
    ):
        assert heading in out
    assert "(forced by the curation file)" in out


def test_unknown_id_in_curation_links(project: Path) -> None:
    topics = project / "seeds" / "topics.yml"
    topics.write_text(
        topics.read_text().replace(
            "[backpropagation, backpropagation-high-schooler]", "[backprop, x]"
        )
    )
    code, _, err = run_cli("check", cwd=project)
    assert code == 1
    assert err.splitlines()[0].startswith("seeds/topics.yml:")
    assert "no question has the id 'backprop'; did you mean backpropagation" in err


def test_concepts_match_phrases_not_fragments(generated: Generated) -> None:
    concepts = generated.links.concepts
    [rl] = ids_of(generated, "exploration-exploitation trade-off")
    assert "reinforcement-learning" in concepts[rl]
    [distributed] = ids_of(generated, "training large models on distributed")
    assert "evaluation-metrics" not in concepts[distributed]  # "mixed-precision" is not precision
