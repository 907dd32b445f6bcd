"""Marking quotes in article text: escaping, sentences, and overlapping or broken offsets."""

from types import SimpleNamespace

from claims.highlight import highlight_body, sentence_around

BODY = "First sentence here. The minister said the bridge cost 40 million euros. Critics disagreed!"


def _appearance(pk, quote, *, body=BODY, rating=("False", "#cf222e"), slug=None):
    start = body.index(quote)
    label, colour = rating
    claim = SimpleNamespace(
        text=f"Claim {pk}",
        verdict=SimpleNamespace(rating=SimpleNamespace(label=label, colour=colour)),
        get_absolute_url=lambda: f"/claims/{slug or pk}/",
    )
    return SimpleNamespace(pk=pk, start=start, end=start + len(quote), claim=claim)


def test_the_sentence_around_a_quote_is_cut_at_sentence_ends():
    start = BODY.index("the bridge")
    before, quote, after = sentence_around(BODY, start, start + len("the bridge cost"))
    assert (before, quote, after) == ("The minister said ", "the bridge cost", " 40 million euros.")


def test_a_quote_that_is_a_whole_sentence_has_nothing_around_it():
    start = BODY.index("The minister")
    end = BODY.index("Critics") - 1
    assert sentence_around(BODY, start, end) == ("", BODY[start:end], "")


def test_the_text_is_escaped():
    body = "Tom said <script>alert(1)</script> & left."
    html = highlight_body(body, [_appearance(1, "Tom said", body=body)])
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; left." in html


def test_a_quote_becomes_one_link_with_its_rating_in_words():
    html = highlight_body(BODY, [_appearance(7, "the bridge cost 40 million euros")])
    assert html.count("<a ") == 1
    assert '<a class="hl" id="appearance-7" href="/claims/7/" style="--rating: #cf222e">the bridge cost' in html
    assert "Checked claim, verdict: </span>False" in html


def test_two_separate_quotes_are_two_links_in_order():
    html = highlight_body(BODY, [_appearance(2, "Critics disagreed"), _appearance(1, "First sentence")])
    assert html.index("/claims/1/") < html.index("/claims/2/")
    assert 'class="hl-group"' not in html


def test_a_quote_inside_another_is_drawn_inside_it_with_two_links_after():
    outer = _appearance(1, "The minister said the bridge cost 40 million euros.")
    inner = _appearance(2, "40 million euros", rating=("True", "#1a7f37"))
    html = highlight_body(BODY, [inner, outer])
    assert '<mark class="hl hl-overlap" style="--rating: #1a7f37">40 million euros</mark>' in html
    assert html.count("<a ") == 2 and "/claims/1/" in html and "/claims/2/" in html


def test_identical_quotes_of_two_claims_are_both_linked():
    html = highlight_body(BODY, [_appearance(1, "Critics"), _appearance(2, "Critics")])
    assert html.count('class="hl-link"') == 2


def test_offsets_outside_the_text_are_ignored_rather_than_breaking_the_page():
    broken = _appearance(1, "Critics")
    broken.start, broken.end = len(BODY) + 5, len(BODY) + 10
    assert highlight_body(BODY, [broken]) == BODY


def test_the_text_comes_out_whole_whatever_the_overlaps():
    import re

    quotes = ["The minister said", "said the bridge", "bridge cost 40", "euros. Critics", "Critics disagreed!"]
    html = highlight_body(BODY, [_appearance(i, q) for i, q in enumerate(quotes)])
    visible = re.sub(r'<span class="hl-badge".*?</span>[^<]*</span>', "", html)
    assert re.sub(r"<[^>]+>", "", visible) == BODY


def test_abbreviations_do_not_end_the_sentence():
    body = "Earlier news. Mr. Smith said the U.S. President had paused deliveries to Ukraine. Then he left."
    start = body.index("had paused")
    before, _, after = sentence_around(body, start, start + len("had paused"))
    assert (before, after) == ("Mr. Smith said the U.S. President ", " deliveries to Ukraine.")


def test_a_retracted_claims_quote_is_marked_as_retracted_not_with_its_old_rating():
    appearance = _appearance(1, "Critics disagreed")
    appearance.claim.status = "retracted"
    html = highlight_body(BODY, [appearance])
    assert "Checked claim, verdict: </span>Retracted" in html and "False" not in html
    assert "--rating: #6e7781" in html
