"""Find and parse every seed in a seeds folder, reporting all problems at once.

Only regular files inside the folder are read (see `files`): a link out of it
is an error, not a way to publish a file from elsewhere.  Parsed seeds are
cached by their bytes (see `seedcache`), so a rebuild parses only the files
that changed.  A file with no questions is a warning when others have some.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import files
from .encoding import decode_seed
from .errors import Problem, StudyGuideError, display_path
from .model import Seed
from .seedcache import SeedCache, parser_key

SUFFIX = ".md"


@dataclass(frozen=True)
class Loaded:
    """Every seed file of a folder, parsed, with what the user should know about them."""

    seeds: tuple[Seed, ...]
    """In file-name order, files without questions included."""
    warnings: tuple[Problem, ...]


def seed_paths(seeds_dir: Path) -> list[tuple[str, Path]]:
    """``(name relative to the folder, path)`` of every seed file, sorted by name.

    Hidden files and folders are skipped; links are errors, never followed.
    """
    shown = display_path(seeds_dir)
    if not seeds_dir.is_dir():
        raise StudyGuideError([Problem(shown, 0, "seeds folder does not exist")])
    found: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    for folder, subfolders, names in os.walk(seeds_dir):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in names:
            path = Path(folder) / name
            if name.startswith(".") or not name.endswith(SUFFIX):
                continue
            relative = path.relative_to(seeds_dir).as_posix()
            if path.is_symlink():
                problems.append(
                    Problem(
                        display_path(path),
                        0,
                        "is a symbolic link; seeds are read only from regular files inside "
                        "the seeds folder, so copy the file here instead",
                    )
                )
            elif not files.is_regular(path):
                problems.append(Problem(display_path(path), 0, "is not a regular file"))
            else:
                found.append((relative, path))
    if problems:
        raise StudyGuideError(problems)
    if not found:
        raise StudyGuideError(
            [Problem(shown, 0, "no seed files (*.md) in this folder; add a Markdown question bank")]
        )
    return sorted(found)


PARSER = (
    "encoding",
    "errors",
    "files",
    "markup",
    "model",
    "nodes",
    "outline",
    "parse",
    "textutil",
    "wording",
)
"""The modules whose code turns a seed's bytes into a `Seed`: `parse` and every module of
ours it imports.  The cache key includes their source, so a change to any of them
parses every seed again.  `parse` itself is imported only on a cache miss: a rebuild
whose seeds are all cached never loads it."""


def load_seeds(seeds_dir: Path, cache: Path | None = None) -> Loaded:
    """Parse every seed in ``seeds_dir``; ``cache`` is a folder for parsed seeds, or None."""
    store = SeedCache(cache, parser_key(PARSER)) if cache is not None else None
    seeds: list[Seed] = []
    problems: list[Problem] = []
    for name, path in seed_paths(seeds_dir):
        shown = display_path(path)
        try:
            raw = files.read_regular(path, shown)
            seed = store.get(name, raw) if store else None
            if seed is None:
                from .parse import parse_seed

                seed = parse_seed(decode_seed(raw, shown), name)
                if store:
                    store.put(name, raw, seed)
        except StudyGuideError as exc:
            problems.extend(_shown(exc.problems, name, shown))
            continue
        seeds.append(seed)
    if store:
        store.prune()
    if problems:
        raise StudyGuideError(problems)
    empty = [seed for seed in seeds if not seed.sections]
    if len(empty) == len(seeds):
        from .parse import EXAMPLE

        raise StudyGuideError(
            [
                Problem(
                    display_path(seeds_dir / seed.file),
                    0,
                    f"no questions found; write them as numbered items or headings, {EXAMPLE}",
                )
                for seed in empty
            ]
        )
    warnings = [
        Problem(display_path(seeds_dir / seed.file), 0, "no questions found in this file")
        for seed in empty
    ]
    return Loaded(tuple(seeds), tuple(warnings))


def _shown(problems: tuple[Problem, ...], name: str, shown: str) -> list[Problem]:
    """Problems name files relative to the seeds folder; users want the path they can open."""
    return [Problem(shown if p.file == name else p.file, p.line, p.message) for p in problems]
