"""Assemble parsed seeds and the curation file into the guide's topics.

Sections with the same normalised title merge on their own; the curation file
adds merges, order, titles and where untitled questions go.  Sections it does
not mention still get pages, after the curated ones, so no question is lost.
When the seeds hold several banks, a section with a generic title ("Questions",
"Misc") or no title at all never merges with another bank's on its own: it
takes its bank's title.  Each topic records why each section is on it
(`Topic.placements`), for ``check --explain``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .banks import bank_key, banks_of
from .curation import Curation, TopicSpec
from .errors import Problem, StudyGuideError
from .markup import to_text
from .model import Bank, Entry, Guide, Placement, Question, Record, Section, Seed, Topic
from .registry import assign
from .text import title_key
from .textutil import slugify

DEFAULT_TITLE = "General questions"
"""Where untitled questions go when the curation file does not say."""

GENERIC_TITLES = frozenset(
    title_key(title)
    for title in (
        "Questions",
        "Question",
        "General",
        "General questions",
        "Misc",
        "Miscellaneous",
        "Other",
        "Others",
        "Other questions",
        "Interview questions",
        "Interview",
        "FAQ",
        "FAQs",
        "Q&A",
        "Questions and answers",
        "Questions & answers",
    )
)
"""Section titles that say nothing about what is in them: across banks they would merge
unrelated questions into one page, so they never merge on their own."""


@dataclass
class _Group:
    """Sections that share a normalised title (or all untitled parts)."""

    title: str
    icon: str
    sections: list[tuple[Section, str]] = field(default_factory=list)
    """Each section, and why it is in this group."""


def assemble(
    seeds: tuple[Seed, ...],
    curation: Curation,
    site_name: str,
    registry: tuple[Record, ...] = (),
) -> Guide:
    """Build the guide; raise `StudyGuideError` if the curation names a missing section.

    Ids come from ``registry`` where the question is known (see `registry.assign`).
    """
    banks = banks_of(seeds, curation)
    groups = _group_sections(seeds, banks, any(spec.untitled for spec in curation.topics))
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
    live = {topic.slug for topic in made}
    moved: set[str] = set()
    for (curated, _), topic in zip(topics, made, strict=True):
        for old in topic.was:
            if old in live or old in moved:
                where = "is a topic of the guide" if old in live else "is named by another topic"
                problems.append(
                    Problem(
                        curation.file,
                        curated.line if curated else 0,
                        f"`was: {old}` {where}; a slug can lead to one page only",
                    )
                )
            moved.add(old)
    if problems:
        raise StudyGuideError(problems)
    return Guide(
        title=curation.title or site_name,
        topics=made,
        seed_files=tuple(seed.file for seed in seeds),
        registry=records,
        banks=banks,
    )


def _group_sections(
    seeds: tuple[Seed, ...], banks: tuple[Bank, ...], untitled_curated: bool
) -> dict[str, _Group]:
    """Group sections by normalised title, in order of first appearance ("" = untitled).

    With several banks, a generically titled section groups under its bank's title
    instead (so a curation file names it by that title), and so do untitled questions
    unless the curation file says where untitled questions go.
    """
    titles = {bank.key: bank.title for bank in banks}
    groups: dict[str, _Group] = {}
    for seed in seeds:
        for section in seed.sections:
            title = to_text(section.title).strip() if section.title is not None else ""
            key = title_key(section.title) if section.title is not None else ""
            why = ""
            untitled = section.title is None
            if len(banks) > 1 and (key in GENERIC_TITLES or (untitled and not untitled_curated)):
                title = titles[bank_key(seed.file)]
                if title_key(title) in GENERIC_TITLES:
                    title = f"{title} ({bank_key(seed.file)})"
                key = title_key(title)
                why = f"{'untitled' if untitled else 'generic title'}: its bank's"
            group = groups.setdefault(key, _Group(title or DEFAULT_TITLE, section.icon))
            if not why and group.sections:
                first = group.sections[0][0].source
                why = f"same title as {first}" if first.file != seed.file else "same title"
            group.sections.append((section, why))
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
            (q for g in groups for s, _ in g.sections for q in s.questions),
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
            was=spec.was if spec else (),
            entries=tuple(Entry(next(ids), q, bank_key(q.source.file)) for q in questions),
            placements=tuple(
                Placement(
                    to_text(section.title).strip() if section.title is not None else "",
                    section.source,
                    "; ".join(filter(None, ["curated" if spec else "", why])) or "its own title",
                )
                for group in groups
                for section, why in group.sections
            ),
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
