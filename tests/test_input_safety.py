"""Input from anywhere is read safely: names are checked, links are not followed,
YAML cannot explode, caches cannot run code, and every problem is a ``file:line``.

Each test plants what an attacker (or an accident) would and checks both the
message and that nothing was written or run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
from pathlib import Path

import jinja2
import pytest

from generator import files
from generator.bytecode import SignedCache
from generator.errors import StudyGuideError
from generator.files import read_regular, write_atomic

from .conftest import ROOT, run_cli
from .support import SMALL_BANK, small_seeds


def check(project: Path) -> tuple[int, str]:
    code, out, err = run_cli("check", cwd=project)
    assert out == ""
    return code, err


# ---- Names that become paths and attributes.


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "id: 'a\"><img src=x onerror=alert(1)>'",
            "seeds/ids.yml:5: id 'a\"><img src=x onerror=alert(1)>' must be lowercase words "
            "joined by '-', like bias-variance",
        ),
        (
            "id: ../../escape/x",
            "seeds/ids.yml:5: id '../../escape/x' must be lowercase words joined by '-', "
            "like bias-variance",
        ),
        (
            "id: 123",
            "seeds/ids.yml:5: id 123 is read as a number or a boolean; quote it: id: '123'",
        ),
        ("text: no id here", "seeds/ids.yml:5: every entry needs an `id` and a `text`"),
    ],
    ids=["markup", "path", "number", "missing"],
)
def test_a_bad_id_in_the_registry_is_an_error_with_its_line(
    project: Path, entry: str, message: str
) -> None:
    seeds = small_seeds(project)
    (seeds / "ids.yml").write_text(
        f"version: 1\nquestions:\n- id: fine\n  text: What is a question?\n- {entry}\n"
        "  topic: topic\n",
        encoding="utf-8",
    )
    code, err = check(project)
    assert (code, err) == (1, message + "\n")


def test_every_registry_problem_is_reported_at_once(project: Path) -> None:
    seeds = small_seeds(project)
    (seeds / "ids.yml").write_text(
        "questions:\n- id: Bad Id\n  text: x\n- id: twice\n  text: x\n- id: twice\n  text: y\n"
        "retired:\n- id: gone\n  text: z\n  status: lost\n",
        encoding="utf-8",
    )
    code, err = check(project)
    assert code == 1
    assert err.splitlines() == [
        "seeds/ids.yml:2: id 'Bad Id' must be lowercase words joined by '-', like bias-variance",
        "seeds/ids.yml:6: id 'twice' is also on line 4; ids must be unique",
        "seeds/ids.yml:11: status of a retired id is removed or merged, not 'lost'",
    ]


def test_a_concept_slug_that_climbs_out_of_the_folder_is_an_error(project: Path) -> None:
    seeds = small_seeds(project)
    (seeds / "concepts.yml").write_text(
        "concepts:\n  - name: Escape\n    slug: ../../../outside/x\n    definition: No.\n",
        encoding="utf-8",
    )
    code, err = check(project)
    assert (code, err) == (
        1,
        "seeds/concepts.yml:3: slug '../../../outside/x' must be lowercase words joined by '-'\n",
    )
    assert not (project.parent / "outside").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("slug", "../x", "slug '../x' must be lowercase words joined by '-'"),
        (
            "icon",
            "'<img src=x onerror=alert(1)>'",
            "icon '<img src=x onerror=alert(1)>' must be an emoji or two, like 📊",
        ),
    ],
)
def test_curation_values_that_would_be_markup_or_paths_are_errors(
    project: Path, field: str, value: str, message: str
) -> None:
    seeds = small_seeds(project)
    (seeds / "topics.yml").write_text(
        f"topics:\n  - title: Topic\n    {field}: {value}\n    sections: [Topic]\n",
        encoding="utf-8",
    )
    assert check(project) == (1, f"seeds/topics.yml:3: {message}\n")


# ---- YAML that expands.

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n" for n in range(8)
)


@pytest.mark.parametrize("name", ["ids.yml", "concepts.yml", "topics.yml"])
def test_yaml_aliases_are_refused_before_they_expand(project: Path, name: str) -> None:
    """Nine levels of nine aliases would be 387 million strings once expanded."""
    seeds = small_seeds(project)
    (seeds / name).write_text(BOMB, encoding="utf-8")
    code, err = check(project)
    assert code == 1
    assert err == f"seeds/{name}:1: YAML anchors (&name) are not allowed in this file\n"


# ---- Files that are not what they seem.


def test_a_link_out_of_the_seeds_folder_is_not_followed(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("1. **What is the password? hunter2**\n", encoding="utf-8")
    seeds = small_seeds(project)
    (seeds / "leak.md").symlink_to(secret)
    code, _, err = run_cli("build", "--no-pdf", cwd=project)
    assert code == 1
    assert err == (
        "seeds/leak.md: is a symbolic link; seeds are read only from regular files inside "
        "the seeds folder, so copy the file here instead\n"
    )
    assert not (project / "site").exists()


def test_a_fifo_or_a_device_is_refused_without_reading(project: Path) -> None:
    seeds = small_seeds(project)
    os.mkfifo(seeds / "pipe.md")
    done = threading.Event()
    result: list[tuple[int, str]] = []

    def run() -> None:
        result.append(check(project))
        done.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    # A reader of the FIFO would block until a writer came; this one must not.
    assert done.wait(30), "check blocked on a FIFO"
    assert result == [(1, "seeds/pipe.md: is not a regular file\n")]


def test_reading_refuses_links_devices_and_oversized_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = tmp_path / "zero.md"
    link.symlink_to("/dev/zero")
    with pytest.raises(StudyGuideError, match="is a symbolic link"):
        read_regular(link, "zero.md")
    with pytest.raises(StudyGuideError, match="is not a regular file"):
        read_regular(Path("/dev/zero"), "zero")
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 2048)
    monkeypatch.setattr(files, "MAX_BYTES", 1024)
    with pytest.raises(StudyGuideError, match=r"big\.md: is 2,048 bytes; the limit is 1,024"):
        read_regular(big, "big.md")


def test_temporary_files_never_follow_a_planted_link(project: Path, tmp_path: Path) -> None:
    """The registry's temporary file is created exclusively: a planted link is never written."""
    target = tmp_path / "victim.txt"
    target.write_text("precious", encoding="utf-8")
    seeds = small_seeds(project)
    for name in (".ids.yml.tmp", ".ids.yml.new"):
        (seeds / name).symlink_to(target)
    code, _, err = run_cli("build", "--no-pdf", cwd=project)
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == "precious"
    assert "What is a question?" in (seeds / "ids.yml").read_text(encoding="utf-8")


def test_write_atomic_replaces_a_link_instead_of_writing_through_it(tmp_path: Path) -> None:
    target = tmp_path / "victim.txt"
    target.write_text("precious", encoding="utf-8")
    link = tmp_path / "out.txt"
    link.symlink_to(target)
    write_atomic(link, b"new")
    assert target.read_text(encoding="utf-8") == "precious"
    assert not link.is_symlink() and link.read_bytes() == b"new"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("\ufeff" + SMALL_BANK, "OK"),
        (None, "OK"),  # UTF-16 with its byte-order mark, as Windows saves "Unicode"
        (
            "noBOM",
            "seeds/bank.md: holds NUL bytes: UTF-16 or UTF-32 without a byte-order mark, "
            "or not text; save it as UTF-8\n",
        ),
    ],
    ids=["utf8-bom", "utf16-bom", "utf16-no-bom"],
)
def test_utf16_is_read_or_named(project: Path, data: str | None, expected: str) -> None:
    seeds = small_seeds(project)
    if data is None:
        (seeds / "bank.md").write_bytes(SMALL_BANK.encode("utf-16"))
    elif data == "noBOM":
        (seeds / "bank.md").write_bytes(SMALL_BANK.encode("utf-16-le"))
    else:
        (seeds / "bank.md").write_text(data, encoding="utf-8")
    code, err = check(project)
    if expected == "OK":
        assert code == 0, err
        assert "2 questions" in err
    else:
        assert (code, err) == (1, expected)


# ---- Caches hold data, never code.


class _Planted:
    """Unpickling this runs code: it would create ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_in_the_cache_runs_nothing(project: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    small_seeds(project)
    cache = project / "build" / ".cache" / "seeds"
    cache.mkdir(parents=True)
    payload = pickle.dumps(_Planted(marker))
    raw = SMALL_BANK.encode()
    for name in ("x.pickle", hashlib.sha256(raw).hexdigest() + ".pickle"):
        (cache / name).write_bytes(payload)
    # A planted entry under the name of a real one is data too: read as JSON or ignored.
    for path in cache.parent.rglob("*"):
        if path.is_file():
            path.write_bytes(payload)
    code, err = check(project)
    assert code == 0, err
    assert not marker.exists()


def test_a_tampered_template_cache_entry_is_not_loaded(tmp_path: Path) -> None:
    """Compiled templates are code: an entry whose signature does not match is ignored."""
    env = jinja2.Environment()
    cache = SignedCache(tmp_path)
    written = jinja2.bccache.Bucket(env, "key", "checksum")
    written.code = compile("answer = 42", "template", "exec")
    cache.dump_bytecode(written)
    [entry] = tmp_path.glob("*.jinja")

    def load() -> object:
        bucket = jinja2.bccache.Bucket(env, "key", "checksum")
        cache.load_bytecode(bucket)
        return bucket.code

    assert load() is not None  # a genuine entry is reused
    data = bytearray(entry.read_bytes())
    data[-1] ^= 0xFF
    entry.write_bytes(bytes(data))
    assert load() is None
    entry.write_bytes(b"\0" * 32 + bytes(data[32:]))  # or a forged signature
    assert load() is None


def test_the_parse_cache_gives_back_the_same_seed(tmp_path: Path) -> None:
    """A cached parse is the parse: a round trip through the cache changes nothing (a
    silent miss would only cost time, which no other test sees)."""
    from generator.load import load_seeds
    from generator.seedcache import SUFFIX

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bank.md").write_text(
        "# Bank\n\n## Topic\n\n### 1. What is X?\n\nBecause.\n\n"
        "**Follow-ups:**\n- Why?\n\n4. Group.\n    1. [E] Why not?\n",
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    fresh = load_seeds(seeds, cache).seeds
    [entry] = cache.glob(f"*{SUFFIX}")
    entry.write_bytes(entry.read_bytes().replace(b"Because.", b"Cached."))
    again = load_seeds(seeds, cache).seeds
    assert again != fresh  # read from the cache, not parsed again
    assert again[0].sections[0].questions[0].answer == "Cached."
    assert load_seeds(seeds).seeds == fresh


def test_the_parse_cache_forgets_old_parses_only_when_it_grows(tmp_path: Path) -> None:
    """Entries unused for a month go, but only when a build added one: a rebuild that
    parsed nothing must not list the whole cache folder."""
    from generator.load import load_seeds
    from generator.seedcache import KEEP_DAYS, SUFFIX

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bank.md").write_text("# Bank\n\n## Topic\n\n1. What is X?\n", encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    stale = cache / f"{'0' * 64}{SUFFIX}"
    stale.write_text("{}", encoding="utf-8")
    old = stale.stat().st_mtime - (KEEP_DAYS + 1) * 86400
    os.utime(stale, (old, old))
    load_seeds(seeds, cache)  # parses bank.md: the cache grew
    assert not stale.exists()
    stale.write_text("{}", encoding="utf-8")
    os.utime(stale, (old, old))
    load_seeds(seeds, cache)  # every parse cached: nothing added, nothing listed
    assert stale.exists()


def test_the_parse_cache_key_covers_every_module_the_parser_imports() -> None:
    """A change to any module of ours that the parser runs must parse every seed again;
    a module missing from the key would serve stale parses after an upgrade."""
    import ast

    from generator.load import PARSER

    package = ROOT / "generator"
    for name in PARSER:
        tree = ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))
        imported = {
            module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 1
            for module in ([node.module] if node.module else [a.name for a in node.names])
        }
        assert imported <= set(PARSER), (name, sorted(imported - set(PARSER)))
