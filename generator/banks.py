"""Which bank each seed file belongs to, and how the guide names and credits it.

A bank is what one author published: a seed file at the top of the seeds folder,
or a sub-folder of it holding several files.  Its title, source, licence and
author come from the curation file's ``banks:`` list; without an entry there,
the title is the bank's first ``#`` heading, or else its key (the folder's name,
or the file's name without ``.md``).
"""

from __future__ import annotations

from .curation import Curation
from .errors import Problem, StudyGuideError
from .markup import to_text
from .model import Bank, Seed


def bank_key(file: str) -> str:
    """The bank a seed file belongs to: its top folder, or its own name without ``.md``."""
    top, nested, _ = file.partition("/")
    return top if nested else top.removesuffix(".md")


def banks_of(seeds: tuple[Seed, ...], curation: Curation) -> tuple[Bank, ...]:
    """The banks of ``seeds`` that hold questions, in seed order, with the curation
    file's credits.

    A credit for a bank that is not in the seeds is an error with its line (a typo
    would otherwise leave a bank uncredited without a word).
    """
    files: dict[str, list[Seed]] = {}
    for seed in seeds:
        files.setdefault(bank_key(seed.file), []).append(seed)
    credits = {spec.key: spec for spec in curation.banks}
    unknown = [spec for spec in curation.banks if spec.key not in files]
    if unknown:
        known = ", ".join(files)
        raise StudyGuideError(
            Problem(curation.file, spec.line, f"no bank {spec.key!r} in the seeds; banks: {known}")
            for spec in unknown
        )
    banks = []
    for key, members in files.items():
        if not any(seed.sections for seed in members):
            continue  # a file without questions is a warning, not a bank of the guide
        spec = credits.get(key)
        heading = next((to_text(seed.title).strip() for seed in members if seed.title), "")
        banks.append(
            Bank(
                key=key,
                title=(spec.title if spec else "") or heading or key,
                files=tuple(seed.file for seed in members),
                source=spec.source if spec else "",
                licence=spec.licence if spec else "",
                author=spec.author if spec else "",
            )
        )
    return tuple(banks)
