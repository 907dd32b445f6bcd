"""Anchoring a quote to its exact place in an article's body."""


class QuoteNotFound(ValueError):
    pass


def _excerpt(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def anchor_quote(body: str, quote: str, start: int | None = None, end: int | None = None) -> tuple[int, int]:
    """Return (start, end) of QUOTE in BODY.

    With offsets, they must point at the quote exactly. Without, the quote is located; it must
    occur in the body, and exactly once, or the offsets must be given to say which occurrence.
    """
    if not quote:
        raise QuoteNotFound("The quote is empty.")
    if start is not None and end is None:
        end = start + len(quote)
    if start is not None:
        if body[start:end] == quote:
            return start, end
        found = body.find(quote)
        if found == -1:
            raise QuoteNotFound(f"The quote “{_excerpt(quote)}” is not in the article.")
        raise QuoteNotFound(
            f"The quote is in the article at characters {found}–{found + len(quote)}, not at {start}–{end} as given."
        )
    found = body.find(quote)
    if found == -1:
        raise QuoteNotFound(f"The quote “{_excerpt(quote)}” is not in the article.")
    if body.find(quote, found + 1) != -1:
        raise QuoteNotFound(
            f"The quote “{_excerpt(quote)}” occurs more than once in the article; give its start offset."
        )
    return found, found + len(quote)
