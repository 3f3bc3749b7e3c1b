"""The build's date: ``SOURCE_DATE_EPOCH`` when set, so builds are reproducible, else now.

Every dated output (PDF metadata, the deck's timestamps, a kit's default title)
asks this module, so one variable dates them all and is checked in one way.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from .errors import StudyGuideError

VARIABLE = "SOURCE_DATE_EPOCH"


def source_epoch() -> int | None:
    """Seconds since 1970 from ``SOURCE_DATE_EPOCH``, or None when it is unset or empty."""
    value = os.environ.get(VARIABLE, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) > 253_402_300_799:  # 9999-12-31
        raise StudyGuideError.message(f"{VARIABLE} must be whole seconds since 1970, not {value!r}")
    return int(value)


def build_moment() -> datetime:
    """When this build happened, as far as its outputs say."""
    epoch = source_epoch()
    return datetime.fromtimestamp(epoch, UTC) if epoch is not None else datetime.now(UTC)


def build_timestamp() -> str:
    """`build_moment` in the W3C format PDF metadata uses."""
    return build_moment().strftime("%Y-%m-%dT%H:%M:%SZ")


def build_day() -> str:
    """`build_moment` as ``YYYY-MM-DD``."""
    return build_moment().strftime("%Y-%m-%d")
