"""Topics from sections, with and without the curation file."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import StudyGuideError
from generator.model import Guide
from generator.project import load_project

from .conftest import ROOT, guide_of

BANK_A = """\
### 1. An untitled question?

## 🔹 **NLP**

1. **What is tokenization?**

## Vision

1. **What is a convolution?**
"""
BANK_B = """\
## nlp

### **1. What is attention?**
**Follow-ups:**
- Why scale it?
"""


def guide_for(folder: Path, curation: str | None = None) -> Guide:
    (folder / "a.md").write_text(BANK_A, encoding="utf-8")
    (folder / "b.md").write_text(BANK_B, encoding="utf-8")
    if curation is not None:
        (folder / "topics.yml").write_text(curation, encoding="utf-8")
    return guide_of(folder)


def summary(guide: Guide) -> list[tuple[str, str, str, list[str]]]:
    return [(t.slug, t.icon, t.title, [e.question.text for e in t.entries]) for t in guide.topics]


def test_without_curation_same_titles_merge_and_untitled_takes_its_banks_title(
    tmp_path: Path,
) -> None:
    """Two banks (a.md and b.md): their NLP sections merge; a's untitled question is
    titled by its bank (its file name: it has no `#` heading), not merged with others."""
    guide = guide_for(tmp_path)
    assert guide.title == load_project(ROOT / "mkdocs.yml").site_name  # no curated title
    assert summary(guide) == [
        ("a", "", "a", ["An untitled question?"]),
        ("nlp", "🔹", "NLP", ["What is tokenization?", "What is attention?"]),
        ("vision", "", "Vision", ["What is a convolution?"]),
    ]


def test_curation_orders_renames_and_places_untitled(tmp_path: Path) -> None:
    guide = guide_for(
        tmp_path,
        """
title: My Guide
topics:
  - title: Computer Vision
    slug: cv
    icon: 👁️
    description: Pixels.
    sections: [vision]
  - title: Warm-up
    untitled: true
""",
    )
    assert guide.title == "My Guide"
    assert summary(guide) == [
        ("cv", "👁️", "Computer Vision", ["What is a convolution?"]),
        ("warm-up", "", "Warm-up", ["An untitled question?"]),
        ("nlp", "🔹", "NLP", ["What is tokenization?", "What is attention?"]),
    ]
    assert guide.topics[0].description == "Pixels."
    # One of the two has follow-ups: the description does not claim each has.
    assert guide.topics[2].description == "2 interview questions on NLP, with follow-ups."


@pytest.mark.parametrize(
    ("curation", "error"),
    [
        (
            "topics:\n  - sections: [Vision]\n    colour: red\n",
            "seeds/topics.yml:3: unknown key 'colour' in a topic; expected one of "
            "['description', 'icon', 'sections', 'slug', 'title', 'untitled', 'was']",
        ),
        (
            "topics:\n  - sections: [Speech]\n",
            "seeds/topics.yml:2: no section titled 'Speech' in the seeds; "
            "known sections: 'a', 'NLP', 'Vision'",
        ),
        (
            "topics:\n  - sections: [NLP]\n  - sections: [nlp]\n",
            "seeds/topics.yml:3: section 'nlp' is already in another topic",
        ),
        (
            "topics:\n  - slug: Not A Slug\n    sections: [NLP]\n",
            "seeds/topics.yml:2: slug 'Not A Slug' must be lowercase words joined by '-'",
        ),
        (
            "topics:\n  - untitled: true\n  - untitled: true\n",
            "seeds/topics.yml:3: only one topic can take the untitled questions",
        ),
        (
            "topics:\n  - title: Empty\n",
            "seeds/topics.yml:2: topic names no section; add `sections: [Section title]` "
            "or `untitled: true`",
        ),
        (
            "topics: [\n",
            "seeds/topics.yml:2: invalid YAML: ",
        ),
    ],
    ids=[
        "unknown-key",
        "missing-section",
        "claimed-twice",
        "bad-slug",
        "two-untitled",
        "empty",
        "yaml",
    ],
)
def test_curation_errors_name_the_line(tmp_path: Path, curation: str, error: str) -> None:
    with pytest.raises(StudyGuideError) as raised:
        guide_for(tmp_path, curation)
    error = error.replace("seeds/topics.yml", str(tmp_path / "topics.yml"))
    if error.endswith("invalid YAML: "):  # the parser's own words differ with and without libyaml
        assert str(raised.value).startswith(error)
    else:
        assert str(raised.value) == error
