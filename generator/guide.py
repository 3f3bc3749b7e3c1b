"""Assemble parsed seeds and the curation file into the guide's topics.

Sections with the same normalised title merge on their own; the curation file
adds merges, order, titles and where untitled questions go.  Sections it does
not mention still get pages, after the curated ones, so no question is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .curation import Curation, TopicSpec
from .errors import Problem, StudyGuideError
from .markup import to_text
from .model import Entry, Guide, Question, Record, Section, Seed, Topic
from .registry import assign
from .text import title_key
from .textutil import slugify

DEFAULT_TITLE = "General questions"
"""Where untitled questions go when the curation file does not say."""


@dataclass
class _Group:
    """Sections that share a normalised title (or all untitled parts)."""

    title: str
    icon: str
    sections: list[Section] = field(default_factory=list)


def assemble(
    seeds: tuple[Seed, ...],
    curation: Curation,
    site_name: str,
    registry: tuple[Record, ...] = (),
) -> Guide:
    """Build the guide; raise `StudyGuideError` if the curation names a missing section.

    Ids come from ``registry`` where the question is known (see `registry.assign`).
    """
    groups = _group_sections(seeds)
    problems: list[Problem] = []
    claimed: set[str] = set()
    topics: list[tuple[TopicSpec | None, list[_Group]]] = []
    for spec in curation.topics:
        chosen: list[_Group] = []
        for ref in spec.sections:
            key = title_key(ref.title)
            if key not in groups or key == "":
                known = ", ".join(repr(g.title) for k, g in groups.items() if k)
                problems.append(
                    Problem(
                        curation.file,
                        ref.line,
                        f"no section titled {ref.title!r} in the seeds; known sections: {known}",
                    )
                )
            elif key in claimed:
                problems.append(
                    Problem(
                        curation.file,
                        ref.line,
                        f"section {ref.title!r} is already in another topic",
                    )
                )
            else:
                claimed.add(key)
                chosen.append(groups[key])
        if spec.untitled and "" in groups:
            claimed.add("")
            chosen.append(groups[""])
        elif spec.untitled and not chosen:
            problems.append(
                Problem(
                    curation.file,
                    spec.line,
                    "no untitled questions in the seeds for this topic",
                )
            )
        topics.append((spec, chosen))
    if problems:
        raise StudyGuideError(problems)
    topics.extend((None, [group]) for key, group in groups.items() if key not in claimed)
    order = {seed.file: index for index, seed in enumerate(seeds)}
    made, records = _make_topics(topics, order, registry)
    return Guide(
        title=curation.title or site_name,
        topics=made,
        seed_files=tuple(seed.file for seed in seeds),
        registry=records,
    )


def _group_sections(seeds: tuple[Seed, ...]) -> dict[str, _Group]:
    """Group sections by normalised title, in order of first appearance ("" = untitled)."""
    groups: dict[str, _Group] = {}
    for seed in seeds:
        for section in seed.sections:
            key = title_key(section.title) if section.title is not None else ""
            title = to_text(section.title) if section.title is not None else DEFAULT_TITLE
            group = groups.setdefault(key, _Group(title, section.icon))
            group.sections.append(section)
    return groups


def _make_topics(
    specs: list[tuple[TopicSpec | None, list[_Group]]],
    order: dict[str, int],
    registry: tuple[Record, ...],
) -> tuple[tuple[Topic, ...], tuple[Record, ...]]:
    used_slugs: set[str] = set()
    drafts = []
    for spec, groups in specs:
        questions = sorted(
            (q for g in groups for s in g.sections for q in s.questions),
            key=lambda q: (order[q.source.file], q.source.line),
        )
        title = (spec.title if spec else "") or groups[0].title
        slug = _unique_slug((spec.slug if spec else "") or slugify(title) or "topic", used_slugs)
        drafts.append((spec, groups, title, slug, questions))
    assignment = assign(
        [q for *_, questions in drafts for q in questions],
        [slug for *_, slug, questions in drafts for _ in questions],
        registry,
    )
    ids = iter(assignment.ids)
    topics = tuple(
        Topic(
            slug=slug,
            title=title,
            description=(spec.description if spec else "") or _describe(title, questions),
            icon=(spec.icon if spec else "") or groups[0].icon,
            entries=tuple(Entry(next(ids), q) for q in questions),
        )
        for spec, groups, title, slug, questions in drafts
    )
    return topics, assignment.records


def _unique_slug(slug: str, used: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in used:
        candidate, n = f"{slug}-{n}", n + 1
    used.add(candidate)
    return candidate


def _describe(title: str, questions: list[Question]) -> str:
    """A topic's line on the home page: how many questions, and what comes with them."""
    count = len(questions)
    noun = "question" if count == 1 else "questions"
    answered = sum(bool(q.answer) for q in questions)
    followed = sum(bool(q.follow_ups) for q in questions)
    extras = []
    if answered:
        extras.append("its answer" if answered == count else "answers")
    if followed:
        extras.append("its follow-ups" if followed == count else "follow-ups")
    every = answered in (0, count) and followed in (0, count)
    tail = f", {'each ' if every else ''}with {' and '.join(extras)}" if extras else ""
    if tail and not every:
        tail = tail.replace("its ", "")
    return f"{count} interview {noun} on {to_text(title)}{tail}."
