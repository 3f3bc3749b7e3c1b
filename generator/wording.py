"""What a line of a bank says about itself: a question's words, number, difficulty and links.

Banks decorate questions in many ways (``### 🔹 **1. Explain …**``, ``#### 12)
How …? [[src](…)]``, ``1. [E] Why …?``, ``**What is …? 👶**``).  `read_wording`
takes the decoration off and keeps what it means: the text, whether it was
numbered, its difficulty, its source links, and whether it reads as a
question at all (`Wording.asks`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

from .markup import to_text
from .model import SourceLink
from .textutil import split_icon

_MD = MarkdownIt("commonmark", {"html": False})

_Q = r"q(?:uestion)?\s*"
_N = r"#?\d+[.):]"
NUMBER = re.compile(
    rf"^(?:(?:(?:\*\*|__)(?:(?:{_Q})?{_N}|#\d+)(?:\*\*|__)|(?:{_Q})?{_N}|q\d+\b|#\d+\b)(?:\s+|$)"
    rf"|{_Q}{_N}(?=[^\W\d_]))",
    re.I,
)
"""``1.``, ``1)``, ``Q1:``, ``Q1``, ``#1`` or ``**1.**`` at the start of a text; after a
``Q`` the text may follow with no space (``Q21:What is …``), where a bare number may not
(``1.5 million``)."""

_MARKS = {"e": "easy", "easy": "easy", "m": "medium", "medium": "medium"}
_MARKS |= {"h": "hard", "hard": "hard", "expert": "hard"}
_BRACKET_MARK = re.compile(
    r"^\[(e|m|h|easy|medium|hard|expert)\]\s*|\s*\[(e|m|h|easy|medium|hard|expert)\]$", re.I
)
"""``[E]``, ``[M]``, ``[H]`` (or the words) before or after the text."""

EMOJI_MARKS = {"👶": "easy", "⭐": "medium", "🚀": "hard"}
"""The emoji difficulty legend of bold-paragraph banks: baby, star, rocket."""
_INVISIBLE = re.compile("[\u200d\ufe0f\ufe0e]")
_EMOJI_TAIL = re.compile(r"\s*([👶⭐🚀])\s*$")

_SOURCE = re.compile(r"\s*\[\[([^\[\]]+)\]\(([^()\s]+)\)\]|\s*\[\[([^\[\]]+)\]\]\(([^()\s]+)\)")
"""``[[src](url)]`` and ``[[Answer]](url)``: links a bank puts beside a question."""

ASKING = frozenset(
    """what what's whats why how when where which who whom whose is are was were am can
    could do does did should would will shall may might must have has had isn't aren't
    doesn't don't didn't wouldn't shouldn't couldn't can't won't""".split()  # noqa: SIM905
)
"""First words of a question."""
TELLING = frozenset(
    """explain describe compare contrast design discuss define derive give list name state
    tell walk implement write prove show calculate compute estimate suggest outline
    distinguish differentiate elaborate illustrate interpret justify summarize summarise
    identify propose provide sketch draw formulate solve evaluate analyze analyse consider
    imagine suppose assume given mention enumerate find build code recommend argue predict
    demonstrate clarify detail assess critique debug diagnose choose pick rank""".split()  # noqa: SIM905
)
"""First words of an interview task asked as an imperative ("Explain …", "Design …")."""


@dataclass(frozen=True)
class Wording:
    """A question-like text with its decoration taken off."""

    text: str
    """Inline Markdown without numbering, difficulty marks, source links or wrapping bold."""
    numbered: bool
    difficulty: str
    """``easy``, ``medium``, ``hard`` or ""."""
    links: tuple[SourceLink, ...]
    asks: bool
    """Whether it reads as a question: ends in "?", starts like one, or carries a difficulty."""


@functools.lru_cache(maxsize=1 << 15)
def read_wording(content: str, emoji_marks: bool = False) -> Wording:
    """Read one line (or paragraph) of inline Markdown; see `Wording`.

    ``emoji_marks`` reads a trailing 👶/⭐️/🚀 as a difficulty (banks that give a legend).
    Cached: the outline reads a heading's words to tell its role, then the reader reads
    them again (a third of the calls on a large bank); a `Wording` is frozen.
    """
    text = one_line(content)
    links: list[SourceLink] = []

    def source(match: re.Match[str]) -> str:
        label = match.group(1) or match.group(3)
        links.append(SourceLink(label.strip(), match.group(2) or match.group(4)))
        return ""

    text = _SOURCE.sub(source, text).strip()
    text = undecorate(text)
    numbered = False
    unnumbered = NUMBER.sub("", text, count=1).strip()
    if unnumbered != text:
        numbered, text = True, undecorate(unnumbered)
    difficulty = ""
    for _ in range(2):  # a mark may sit inside or outside the bold
        text, found = _difficulty(text, emoji_marks)
        difficulty = difficulty or found
        text = undecorate(text)
    if not numbered:  # "**[E] 1. …**" is rare, but "[E]" before a number is not
        unnumbered = NUMBER.sub("", text, count=1).strip()
        if unnumbered != text:
            numbered, text = True, undecorate(unnumbered)
    return Wording(text, numbered, difficulty, tuple(links), bool(difficulty) or asks(text))


def _difficulty(text: str, emoji_marks: bool) -> tuple[str, str]:
    match = _BRACKET_MARK.search(text)
    if match:
        mark = (match.group(1) or match.group(2)).lower()
        return (text[: match.start()] + text[match.end() :]).strip(), _MARKS[mark]
    if emoji_marks:
        bare = _INVISIBLE.sub("", text)
        tail = _EMOJI_TAIL.search(bare)
        if tail:
            return bare[: tail.start()].rstrip(), EMOJI_MARKS[tail.group(1)]
    return text, ""


_TERM = re.compile(r"^(\*\*|__)([^*_\n]{1,80}?)(?::\1|\1:)\s*")
"""A bold term and a colon before the text: ``**Code Translation**: models like …``."""
_TERM_JOINERS = frozenset("a an and as at by for in of on or the to vs with".split())  # noqa: SIM905


def asks(text: str) -> bool:
    """Whether inline Markdown reads as a question or an interview task.

    After a bold term in title case and a colon (an item of a glossary: "**Code
    Translation**: models like …"), only a task after the colon asks ("**Bias**: explain
    …"), not the term's first word, which may look like a task's ("Code …", "Design …"),
    nor a statement that happens to start like a question ("**LLMs**: can be applied …").
    """
    plain = to_text(text).strip()
    if plain.endswith("?") or "? " in plain:
        return True
    source = text.strip()
    term = _TERM.match(source)
    if term and _title_case(term.group(2)):
        return _first_word(to_text(source[term.end() :])) in TELLING
    first = _first_word(plain)
    return first in ASKING or first in TELLING


def _first_word(plain: str) -> str:
    words = re.findall(r"[a-z']+", plain.lower().replace("\u2019", "'"))
    return words[0] if words else ""


def _title_case(term: str) -> bool:
    """Whether a term is a name in title case ("Low-Resource Language Translation"), not
    a task in a sentence ("Design a URL shortener")."""
    words = term.split()
    return 0 < len(words) <= 6 and all(
        word[0].isupper() or word[0].isdigit() or (index and word in _TERM_JOINERS)
        for index, word in enumerate(words)
    )


def is_legend(text: str) -> bool:
    """Whether a line explains the emoji difficulty marks (two of them at least)."""
    bare = _INVISIBLE.sub("", text)
    return sum(mark in bare for mark in EMOJI_MARKS) >= 2


def undecorate(text: str) -> str:
    """Strip leading emoji and wrapping emphasis, as many layers as there are."""
    while True:
        before = text
        text = unwrap(split_icon(text)[1].strip())
        if text == before:
            return text


@functools.lru_cache(maxsize=4096)
def unwrap(text: str) -> str:
    """Remove emphasis that wraps the whole text (``**…**``), keeping inner emphasis.

    ``**1. **`` is unwrapped too, though CommonMark would not read it as bold:
    authors who write it mean the bold to wrap the (empty) question.
    """
    if not text.startswith(("*", "_")):
        return text
    inner = text[2:-2]
    if (
        len(text) > 4
        and text[:2] == text[-2:] in ("**", "__")
        and not any(c in inner for c in "*_`[<\\")
    ):
        return inner.strip()  # the common case, unambiguous without a parse
    children = [t for t in _MD.parseInline(text)[0].children or [] if t.type != "text" or t.content]
    if len(children) < 2 or children[0].type not in ("strong_open", "em_open"):
        return text
    depth = 0
    for index, token in enumerate(children):
        depth += token.nesting
        if depth == 0 and index < len(children) - 1:
            return text
    if children[-1].type != children[0].type.replace("open", "close"):
        return text
    marker = len(children[0].markup)
    return text[marker:-marker].strip()


def one_line(content: str) -> str:
    """A paragraph's lines joined into one, as a question's words are."""
    return " ".join(line.strip() for line in content.split("\n") if line.strip())


_LABEL = re.compile(r"^follow[\s-]*ups?(?:\s+questions?)?$", re.I)
_ANSWER_LABEL = re.compile(
    r"^(\*\*|__)?(?:answer|ans|solution)(?:\s*:\s*\1|\1\s*:|\s*\1$|:|$)\s*", re.I
)
_HINT_LABEL = re.compile(r"^(\*\*|__)?hints?(?:\s*:\s*\1|\1\s*:|:)\s*", re.I)


def is_label(content: str) -> bool:
    """Whether a line is a follow-up label: ``**Follow-ups:**``, ``Follow up questions``…"""
    bare = split_icon(content.replace("*", "").replace("_", " "))[1]
    return bool(_LABEL.match(bare.strip().rstrip(":").strip()))


def answer_label(content: str) -> int:
    """Length of a leading ``Answer:`` label (``**Answer:**``, ``**Answer**:``, ``Ans:``…), or 0."""
    match = _ANSWER_LABEL.match(content.strip())
    return match.end() + len(content) - len(content.lstrip()) if match else 0


def hint_label(content: str) -> int:
    """Length of a leading ``**Hint**:`` label, or 0."""
    match = _HINT_LABEL.match(content.strip())
    return match.end() + len(content) - len(content.lstrip()) if match else 0


_PLACEHOLDERS = frozenset(
    {"answer here", "todo", "to do", "tbd", "tba", "coming soon", "wip", "n/a", "na", "...", "…"}
)


def is_placeholder(markdown: str) -> bool:
    """Whether an answer only says that the answer is missing ("Answer here", "TODO")."""
    plain = " ".join(to_text(one_line(markdown)).lower().split()).strip(" .:!-")
    return plain in _PLACEHOLDERS or not plain


_TRAILING_ANSWER = re.compile(r"^(?P<question>.*\?[*_)\]]*)\s+(?P<answer>[^?]*[^\s?])\s*$", re.S)


def inline_answer(text: str) -> tuple[str, str]:
    """A list item's question and the short answer written after it on the same line.

    ``Which is easier, A or B? A is.`` → (``Which is easier, A or B?``, ``A is.``).
    What follows the last "?" is an answer only when it does not itself ask or set
    a task ("… of k? Give an example." stays one question).
    """
    match = _TRAILING_ANSWER.match(text)
    if not match:
        return text, ""
    answer = match.group("answer")
    plain = " " + to_text(answer).lower().replace("\u2019", "'") + " "
    words = re.findall(r"[a-z']+", plain)
    if not words or words[0] in ASKING or words[0] in TELLING or hint_label(answer):
        return text, ""
    question = match.group("question")
    picks = " or " in to_text(question).lower() and len(words) <= 8  # "A or B? The mean."
    if plain.lstrip().startswith("(") or not (picks or _STATES.search(plain)):
        return text, ""  # "Pros and cons of each.", "tanh, relu, …": still the question
    return question, answer


_STATES = re.compile(r" (?:is|are|was|were|means|uses|use|has|have)\b|'s |: ")
"""What an answer after a question says and a question's tail does not: it states."""
