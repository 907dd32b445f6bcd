"""External ratings onto our scale: a known label first, then the numbers, else flagged unmapped."""

import re

from claims.models import Rating
from intake.models import RatingMapping, RatingMethod


def normalise_label(label: str) -> str:
    return re.sub(r"\s+", " ", label).strip().strip(".!:;,\"'“”«»").strip().lower()


def _label_candidates(label: str) -> list[str]:
    """The whole label, then its lead word(s): "FALSO: As imagens…" is "falso"."""
    whole = normalise_label(label)
    candidates = [whole] if whole else []
    head = re.split(r"[:.\-–—(]| because | as ", whole, maxsplit=1)[0].strip()
    if head and head != whole:
        candidates.append(normalise_label(head))
    return candidates


def rating_for_label(*, label: str, publisher: str = "") -> Rating | None:
    candidates = _label_candidates(label)
    if not candidates:
        return None
    mappings = RatingMapping.objects.filter(label__in=candidates, publisher__in=[publisher, ""]).select_related(
        "rating"
    )
    # The publisher's own mapping beats the general one; the whole label beats its lead word.
    ranked = sorted(mappings, key=lambda m: (m.publisher == "", candidates.index(m.label)))
    return ranked[0].rating if ranked else None


def rating_for_scale(*, value: float, best: float, worst: float) -> Rating | None:
    """The step of our scale at the same relative place as VALUE between WORST and BEST."""
    steps = list(Rating.objects.filter(value__isnull=False).order_by("value"))
    if not steps or best == worst:
        return None
    share = (value - worst) / (best - worst)
    low, high = steps[0].value, steps[-1].value
    target = low + share * (high - low)
    return min(steps, key=lambda r: (abs(r.value - target), -r.value))


def rating_map(
    *,
    label: str = "",
    value: float | None = None,
    best: float | None = None,
    worst: float | None = None,
    publisher: str = "",
) -> tuple[Rating | None, str]:
    """Our rating for an external one and how it was found; (None, "") means flag it for a reviewer."""
    if label:
        rating = rating_for_label(label=label, publisher=publisher)
        if rating is not None:
            return rating, RatingMethod.LABEL
    if value is not None and best is not None and worst is not None:
        rating = rating_for_scale(value=value, best=best, worst=worst)
        if rating is not None:
            return rating, RatingMethod.SCALE
    return None, RatingMethod.NONE
