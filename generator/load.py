"""Find and parse every seed in a seeds folder, reporting all problems at once.

Parsed seeds are cached by their bytes (and the parser's own source), so a
rebuild only parses the files that changed: for a large bank, parsing is the
biggest part of generation.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from . import encoding, model, parse, textutil
from .encoding import decode_seed, read_raw
from .errors import Problem, StudyGuideError, display_path
from .model import Seed
from .parse import parse_seed

_PARSER = hashlib.sha256(
    b"".join(Path(m.__file__ or "").read_bytes() for m in (encoding, model, parse, textutil))
).digest()
"""Changes whenever the code that turns bytes into a `Seed` changes."""


def load_seeds(seeds_dir: Path, cache: Path | None = None) -> tuple[Seed, ...]:
    """Parse every ``*.md`` in ``seeds_dir`` (sorted, subfolders included).

    ``cache`` is a folder for parsed seeds, or None to parse everything.
    """
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
            seed = _parse(path, name, cache)
        except StudyGuideError as exc:
            problems.extend(_shown(exc.problems, name, display_path(path)))
            continue
        seeds.append(seed)
    if problems:
        raise StudyGuideError(problems)
    return tuple(seeds)


def _parse(path: Path, name: str, cache: Path | None) -> Seed:
    raw = read_raw(path, display_path(path))
    if cache is None:
        return parse_seed(decode_seed(raw, display_path(path)), name)
    key = hashlib.sha256(_PARSER + name.encode() + b"\0" + raw).hexdigest()
    stored = cache / f"{key}.pickle"
    try:
        seed = pickle.loads(stored.read_bytes())  # our own build folder: trusted
        if isinstance(seed, Seed):
            return seed
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        pass
    seed = parse_seed(decode_seed(raw, display_path(path)), name)
    cache.mkdir(parents=True, exist_ok=True)
    partial = stored.with_suffix(".tmp")
    partial.write_bytes(pickle.dumps(seed, protocol=pickle.HIGHEST_PROTOCOL))
    partial.replace(stored)
    return seed


def _shown(problems: tuple[Problem, ...], name: str, shown: str) -> list[Problem]:
    """Problems name files relative to the seeds folder; users want the path they can open."""
    return [Problem(shown if p.file == name else p.file, p.line, p.message) for p in problems]
