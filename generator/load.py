"""Find and parse every seed in a seeds folder, reporting all problems at once."""

from __future__ import annotations

from pathlib import Path

from .encoding import read_seed
from .errors import Problem, StudyGuideError, display_path
from .model import Seed
from .parse import parse_seed


def load_seeds(seeds_dir: Path) -> tuple[Seed, ...]:
    """Parse every ``*.md`` in ``seeds_dir`` (sorted, subfolders included)."""
    shown = display_path(seeds_dir)
    if not seeds_dir.is_dir():
        raise StudyGuideError([Problem(shown, 0, "seeds folder does not exist")])
    paths = sorted(p for p in seeds_dir.rglob("*.md") if p.is_file() or p.is_symlink())
    if not paths:
        raise StudyGuideError(
            [Problem(shown, 0, "no seed files (*.md) in this folder; add a Markdown question bank")]
        )
    seeds: list[Seed] = []
    problems: list[Problem] = []
    for path in paths:
        name = path.relative_to(seeds_dir).as_posix()
        try:
            text = read_seed(path, display_path(path))
            seed = parse_seed(text, name)
        except StudyGuideError as exc:
            problems.extend(_shown(exc.problems, name, display_path(path)))
            continue
        seeds.append(seed)
    if problems:
        raise StudyGuideError(problems)
    return tuple(seeds)


def _shown(problems: tuple[Problem, ...], name: str, shown: str) -> list[Problem]:
    """Problems name files relative to the seeds folder; users want the path they can open."""
    return [Problem(shown if p.file == name else p.file, p.line, p.message) for p in problems]
