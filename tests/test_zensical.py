"""The same mkdocs.yml and generated pages also build with Zensical, losing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import Generated
from generator.markup import to_text

from .conftest import SEEDS, Built, generated_from
from .support import seed_counts

pytestmark = pytest.mark.slow  # builds sites (see `make test-fast`)


@pytest.fixture(scope="module")
def zensical_site(zensical_built: Built) -> Path:
    return zensical_built.site


@pytest.fixture(scope="module")
def generated() -> Generated:
    return generated_from(SEEDS)


def page_texts(site: Path, slug: str) -> tuple[list[tuple[str, str]], list[str]]:
    soup = BeautifulSoup((site / "topics" / slug / "index.html").read_text(), "html.parser")
    headings = [
        (str(h["id"]), " ".join(h.get_text().replace("¶", "").split()))
        for h in soup.select("article h2.question")
    ]
    follow_ups = [
        " ".join(li.get_text().split()) for li in soup.select("article details.followups li")
    ]
    return headings, follow_ups


def test_both_engines_show_every_question_and_follow_up(
    zensical_site: Path, built: Built, generated: Generated
) -> None:
    total = (0, 0)
    for topic in generated.guide.topics:
        expected_headings = [(e.id, to_text(e.question.text)) for e in topic.entries]
        expected_follow_ups = [to_text(f) for e in topic.entries for f in e.question.follow_ups]
        for site in (zensical_site, built.site):
            assert page_texts(site, topic.slug) == (expected_headings, expected_follow_ups), site
        total = (total[0] + len(expected_headings), total[1] + len(expected_follow_ups))
    assert total == seed_counts()


def test_zensical_keeps_our_overrides_and_pages(zensical_site: Path) -> None:
    home = (zensical_site / "index.html").read_text()
    assert 'data-md-component="source"' not in home  # our override: no GitHub API calls
    for path in ("questions.json", "q/bias-variance-tradeoff/index.html", "concepts/index.html"):
        assert (zensical_site / path).is_file(), path
