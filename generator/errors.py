"""Problems in user input, reported as ``file:line: message``.

Every stage collects all the problems it can find and raises once, so a user
fixes a seed in one pass instead of one error per run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input: a seed, a curation file, an option."""

    file: str
    """Path as the user would type it (relative to the working directory when possible);
    "" when the problem is about no file (an option, the environment)."""
    line: int
    """1-based line number; 0 when the problem is about the file or folder as a whole."""
    message: str
    """What was expected, what was found, and how to fix it."""

    def __str__(self) -> str:
        if not self.file:
            return self.message
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class StudyGuideError(Exception):
    """A user error: bad input or options. The CLI prints it without a traceback.

    It always holds `Problem` s, sorted, so every stage reports the same way.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems))
        self.text = "\n".join(str(p) for p in self.problems)
        super().__init__(self.text)

    @classmethod
    def message(cls, text: str, file: str = "", line: int = 0) -> StudyGuideError:
        """An error of one problem: ``text``, about ``file`` when it names one."""
        return cls([Problem(file, line, text)])


def display_path(path: Path) -> str:
    """``path`` as the user would type it: relative to the working folder when inside it."""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
