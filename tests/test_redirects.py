"""Re-curating topics keeps every published link working: a topic's old slugs (`was:`)
redirect to it, with the #question along, and a slug that would be lost is a warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, expect

from .conftest import run_cli
from .support_browser import new_context, site_url

pytestmark = pytest.mark.slow  # builds sites (see `make test-fast`)

BANK = """\
## Vision

1. **What is a convolution?**
2. **Why pool after a convolution?**

## Images

1. **What is a pixel?**
"""


def build(project: Path, curation: str) -> tuple[int, str]:
    (project / "seeds" / "topics.yml").write_text(curation, encoding="utf-8")
    code, _, err = run_cli("build", "--no-pdf", cwd=project)
    return code, err


@pytest.fixture
def recurated(project: Path) -> Path:
    """Two topics published, then merged into one that names the other's slug in `was:`."""
    for old in (project / "seeds").glob("*"):
        old.unlink()
    (project / "seeds" / "bank.md").write_text(BANK, encoding="utf-8")
    code, err = build(project, "topics:\n  - sections: [Vision]\n  - sections: [Images]\n")
    assert code == 0, err
    assert (project / "site" / "topics" / "images" / "index.html").is_file()
    merged = "topics:\n  - title: Vision\n    sections: [Vision, Images]\n    was: [images]\n"
    code, err = build(project, merged)
    assert code == 0, err
    assert "was published and is gone" not in err
    return project


def test_an_old_topic_address_redirects_without_javascript(recurated: Path) -> None:
    page = recurated / "site" / "topics" / "images" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None and refresh["content"] == "0; url=../vision/"
    assert (recurated / "site" / "topics" / "vision" / "index.html").is_file()


def test_a_lost_topic_is_a_warning_that_says_how_to_keep_it(project: Path) -> None:
    for old in (project / "seeds").glob("*"):
        old.unlink()
    (project / "seeds" / "bank.md").write_text(BANK, encoding="utf-8")
    assert build(project, "topics:\n  - sections: [Vision]\n  - sections: [Images]\n")[0] == 0
    code, err = build(project, "topics:\n  - title: Vision\n    sections: [Vision, Images]\n")
    assert code == 0
    assert "topics/images/ was published and is gone: links to it break; add `was: [images]`" in err


@pytest.mark.parametrize(
    ("was", "error"),
    [
        ("[vision]", "`was: vision` is a topic of the guide"),
        ("[Not A Slug]", "`was` lists slugs, like [old-topic]; not 'Not A Slug'"),
    ],
)
def test_a_was_that_cannot_redirect_names_its_line(project: Path, was: str, error: str) -> None:
    for old in (project / "seeds").glob("*"):
        old.unlink()
    (project / "seeds" / "bank.md").write_text(BANK, encoding="utf-8")
    code, err = build(project, f"topics:\n  - sections: [Vision, Images]\n    was: {was}\n")
    assert code == 1
    assert re.search(rf"seeds/topics\.yml:\d+: {re.escape(error)}", err), err


@pytest.mark.browser
def test_an_old_link_to_a_question_on_a_merged_topic_lands_on_it(
    recurated: Path, browser: Browser
) -> None:
    context = new_context(browser, recurated / "site")
    try:
        view = context.new_page()
        view.goto(f"{site_url()}topics/images/#pixel")
        expect(view).to_have_url(f"{site_url()}topics/vision/#pixel")
        expect(view.locator("h2.question#pixel")).to_be_in_viewport()
    finally:
        context.close()
