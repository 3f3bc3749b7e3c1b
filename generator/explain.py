"""What ``studyguide check`` says about each seed: its counts, its skipped lines, its outline.

Every non-blank line of a bank is accounted for by the parser (see `parse`):
in a section title, a question, a follow-up, an answer or a hint, or skipped
with a reason.  `summary` reports the counts and the skipped lines of a file;
`outline` (``check --explain FILE``) prints the structure that was understood,
line by line, with the readings the parser had to choose and the topic each
section went to (merged with which sections, and why).
"""

from __future__ import annotations

from .markup import to_text
from .model import LineNote, Placement, Question, Seed, Topic
from .textutil import plural


def _lines(note: LineNote) -> int:
    return note.last - note.first + 1


def summary(seed: Seed, shown: str) -> list[str]:
    """One line of counts for the file, then one line per run of skipped lines."""
    questions = [q for section in seed.sections for q in section.questions]
    skipped = sum(_lines(note) for note in seed.skipped)
    counts = [
        plural(len(questions), "question"),
        plural(sum(len(q.follow_ups) for q in questions), "follow-up"),
        plural(sum(bool(q.answer) for q in questions), "answer"),
    ]
    hints = sum(bool(q.hint) for q in questions)
    if hints:
        counts.append(plural(hints, "hint"))
    tail = f"{plural(skipped, 'line')} skipped" if skipped else "no line skipped"
    lines = [f"{shown}: {', '.join(counts)}; {tail}"]
    for note in seed.skipped:
        span = f" ({note.first}–{note.last})" if note.last > note.first else ""
        lines.append(
            f"{shown}:{note.first}: skipped {plural(_lines(note), 'line')}{span}: {note.text}"
        )
    return lines


def outline(seed: Seed, shown: str, topics: tuple[Topic, ...] = ()) -> str:
    """The file as the parser read it: sections (with the topic each went to, and why),
    questions with their line, what each holds, skipped lines and decisions, in line
    order."""
    rows: list[tuple[int, int, str]] = []
    for section in seed.sections:
        title = to_text(section.title) if section.title is not None else "(no section heading)"
        rows.append((section.source.line, 0, f"section   {title}"))
        for question in section.questions:
            rows.append((question.source.line, 1, f"  question  {_question(question)}"))
    for topic in topics:
        for placed in topic.placements:
            if placed.source.file == seed.file:
                rows.append((placed.source.line, 1, _placed(placed, topic)))
    for note in seed.skipped:
        rows.append((note.first, 2, f"skipped   {_span(note)}{note.text}"))
    for note in seed.decisions:
        rows.append((note.first, 3, f"decided   {_span(note)}{note.text}"))
    rows.sort()
    width = len(str(max((line for line, _, _ in rows), default=1)))
    body = [f"  {line:>{width}}  {text}" for line, _, text in rows]
    return "\n".join([f"{shown} (title: {seed.title!r})" if seed.title else shown, *body]) + "\n"


def _placed(placed: Placement, topic: Topic) -> str:
    others = [p for p in topic.placements if p.source != placed.source]
    shared = "; with " + ", ".join(f"{p.source} {p.title!r}" for p in others) if others else ""
    return f"  topic   → {topic.title} ({topic.slug}): {placed.why}{shared}"


def _span(note: LineNote) -> str:
    return f"lines {note.first}–{note.last}: " if note.last > note.first else ""


def _question(question: Question) -> str:
    parts = []
    if question.difficulty:
        parts.append(f"[{question.difficulty}]")
    text = to_text(question.text)
    parts.append(text if len(text) <= 72 else text[:71] + "…")
    held = []
    if question.follow_ups:
        held.append(plural(len(question.follow_ups), "follow-up"))
    for name in ("answer", "hint", "figure"):
        value = getattr(question, name)
        if value:
            held.append(f"{name} ({plural(len(value.splitlines()), 'line')})")
    if question.context:
        held.append(f"in {to_text(question.context.splitlines()[0])[:40]!r}")
    if question.links:
        held.append(plural(len(question.links), "source link"))
    return " ".join(parts) + (f"  [{'; '.join(held)}]" if held else "")
