"""Claim suggestions on the seed article, scored against the claims listed in seeds/.

    .venv/bin/python bench/suggestions.py [--verbose]

Prints the recall of the seed claims (a seed claim is found when a suggestion's span and the seed
quote's span overlap by at least half of their union), the precision of the suggestions (the share
that are seed claims), and the share of found claims whose claimant is right. The claimant of a seed
claim is its source with the role "made", else its first attribution. Needs no database.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

import django  # noqa: E402

django.setup()

import yaml  # noqa: E402

from intake.suggest import SourceRef, suggest_claims  # noqa: E402

SEEDS = ROOT / "seeds" / "trump-zelensky-independence-day.yaml"
MIN_OVERLAP = 0.5


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return shared / (max(a[1], b[1]) - min(a[0], b[0]))


def seed_claimant(claim: dict) -> str:
    made = [a["source"] for a in claim.get("attributions", []) if a.get("role") == "made"]
    return made[0] if made else claim["attributions"][0]["source"]


def main(verbose: bool = False) -> dict:
    seed = yaml.safe_load(SEEDS.read_text())
    article = seed["articles"][0]
    body = (SEEDS.parent / article["body_file"]).read_text()
    sources = [SourceRef(s["slug"], s["name"]) for s in seed["sources"]]
    publisher = next(s for s in sources if s.key == article["publisher"])
    suggestions = suggest_claims(
        body=body, language=article["language"], published_on=article["published_on"], sources=sources,
        publisher=publisher,
    )  # fmt: skip

    found, right_claimant, matched = 0, 0, set()
    for claim in seed["claims"]:
        quote = claim["appearances"][0]["quote"]
        start = body.index(quote)
        span = (start, start + len(quote))
        best = max(suggestions, key=lambda s: overlap(span, (s.start, s.end)), default=None)
        hit = best is not None and overlap(span, (best.start, best.end)) >= MIN_OVERLAP
        claimant = best.claimant.source_id if hit and best.claimant else None
        found += hit
        right_claimant += hit and claimant == seed_claimant(claim)
        if hit:
            matched.add((best.start, best.end))
        if verbose:
            mark = "found" if hit else "MISSED"
            print(f"  {mark:6} {claim['slug']}: claimant {claimant} (seed: {seed_claimant(claim)})")
            if hit:
                print(f"         → {best.text}")
    total = len(seed["claims"])
    figures = {
        "seed claims": total,
        "suggestions": len(suggestions),
        "recall": found / total,
        "precision": len(matched) / len(suggestions) if suggestions else 0.0,
        "claimants right": right_claimant / found if found else 0.0,
    }
    print(f"Seed article: {len(body)} characters, {total} seed claims, {len(suggestions)} suggestions")
    print(f"  recall of the seed claims      {found}/{total} = {figures['recall']:.0%}")
    print(f"  precision of the suggestions   {len(matched)}/{len(suggestions)} = {figures['precision']:.0%}")
    print(f"  correct claimants              {right_claimant}/{found} = {figures['claimants right']:.0%}")
    return figures


if __name__ == "__main__":
    main(verbose="--verbose" in sys.argv or "-v" in sys.argv)
