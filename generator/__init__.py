"""Generate the ML interview study guide from Markdown question banks.

The pipeline runs one way: seed text → repaired text (`encoding`) → sections of
questions (`parse`) → topics (`guide`) → page Markdown (`render`) → docs folder
(`write`) → static site (`site`).  `build.build` is the recipe; `cli` is a thin
shell over it.
"""

from .errors import Problem, StudyGuideError
from .model import Entry, Guide, Question, Section, Seed, Source, Topic

__all__ = [
    "Entry",
    "Guide",
    "Problem",
    "Question",
    "Section",
    "Seed",
    "Source",
    "StudyGuideError",
    "Topic",
]
