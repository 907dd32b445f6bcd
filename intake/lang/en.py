"""English claim suggestions: reporting verbs, attribution patterns, check-worthiness cues."""

import re
from datetime import date, timedelta

from intake.suggest import (
    Attributed,
    SourceIndex,
    SourceRef,
    Span,
    Suggestion,
    quantities_in,
    register,
    sentences,
)

REPORTING_VERBS = {
    "said": "made",
    "says": "made",
    "stated": "made",
    "told": "made",
    "noted": "made",
    "added": "made",
    "stressed": "made",
    "emphasized": "made",
    "emphasised": "made",
    "explained": "made",
    "claimed": "made",
    "announced": "made",
    "reaffirmed": "made",
    "acknowledged": "made",
    "admitted": "made",
    "insisted": "made",
    "warned": "made",
    "expressed": "made",
    "confirmed": "confirmed",
    "denied": "denied",
    "reported": "reported",
    "repeated": "repeated",
}
OPINION_VERBS = {"sees", "believes", "thinks", "considers", "feels", "hopes", "expects", "wants", "appreciates"}
_VERBS = "|".join(sorted(REPORTING_VERBS, key=len, reverse=True))
_SPLIT_VERBS = "|".join(sorted(set(REPORTING_VERBS) | OPINION_VERBS, key=len, reverse=True))

# Words of a title or function before a name: "White House Press Secretary Anna Kelly".
ROLE_WORDS = {
    "president", "secretary", "minister", "journalist", "reporter", "correspondent", "spokesperson",
    "spokesman", "spokeswoman", "senator", "governor", "mayor", "general", "chancellor", "ambassador",
    "director", "chief", "editor", "analyst", "official", "leader", "ceo", "chairman", "chair", "airman",
    "commander", "envoy", "adviser", "advisor", "economist", "professor", "king", "queen", "premier",
}  # fmt: skip
# Offices everyone knows the holder of: a title claim about them is rarely worth checking.
WELL_KNOWN_OFFICES = {"president", "prime minister", "chancellor", "king", "queen", "premier"}
PRONOUNS = {"he", "she", "they", "it"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "dame"}
INTRO_WORDS = ("with", "in", "after", "before", "during", "speaking", "asked", "on", "at", "earlier", "later",
               "still", "however", "meanwhile", "since", "when", "while", "despite")  # fmt: skip
COMMON_STARTS = {
    "After", "Before", "But", "If", "In", "The", "A", "An", "He", "She", "It", "They", "We", "This", "That", "These",
    "Those", "There", "When", "While", "Although", "As", "For", "Since", "Despite", "Their", "His", "Her", "Its",
    "Our", "No", "Some", "Many", "Most", "All", "Both", "Each", "More", "Less", "Only", "Just", "About", "Over",
}  # fmt: skip
NOT_ACTORS = {"He", "She", "The", "We", "Our", "I", "Their", "His", "Her", "It", "They", "This", "That"}
_NAME = r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*"
_SUBJECT = rf"(?:(?:[A-Z][\w’'.-]*|{'|'.join(sorted(ROLE_WORDS))})\s+)*?{_NAME}|He|She|They"
_TIME_LEAD = re.compile(
    r"^(?P<lead>(?:Just\s+)?(?:a|one|two|three)\s+(?:day|days|week|weeks)\s+(?:earlier|before|ago)"
    r"|Earlier(?:\s+(?:today|this week|on \w+))?|Yesterday|Today|On\s+\w+(?:\s+\d{1,2})?|Last\s+\w+),\s+"
)
_RELATIVE_DAYS = {"a day": 1, "one day": 1, "two days": 2, "three days": 3, "a week": 7, "one week": 7}

GREETING = re.compile(r"\b(congratulat\w*|thank\w*|gratitude|greet\w*|wish\w*|condolences)\b", re.I)
OPINION = re.compile(
    r"\b(appreciate\w*|believe\w*|think\w*|feel\w*|hope\w*|well-informed|essential|important to|sees such|"
    r"should|must|wonderful|great|terrible)\b",
    re.I,
)
VAGUE_FUTURE = re.compile(r"\b(will|soon|may|might|could)\b", re.I)
COMPARISON = re.compile(
    r"\b(more|less|fewer|than|most|least|highest|lowest|record|biggest|largest|increase\w*|decrease\w*|"
    r"doubl\w*|tripl\w*|half|rose|fell|up|down)\b",
    re.I,
)
EVENT_VERB = re.compile(
    r"\b(held|discussed|agreed|paused|reached|lasted|signed|approved|killed|launched|delivered|"
    r"cut|raised|spent|cost|won|lost|announced|banned|ready|decided|made)\b",
    re.I,
)
EXPLICIT_DATE = re.compile(
    r"\b(\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{4})?|(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2}(?:,\s*\d{4})?|(?i:in|since|by|the mid-|the late |the early )\s*(?:19|20)\d\ds?)\b"
)
# "LONDON — " or "KYIV, Ukraine — " before the first sentence: where the story was filed, not the claim.
DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:,\s+[A-Z][\w .]+)?\s+[—–-]{1,2}\s+")
PHOTO_CREDIT = re.compile(
    r"^(?:Photo|Image|Picture|Credit)s?:\s*(?P<site>\S+)\s+by\s+(?P<org>.+?)\s+photo\s+by\s+"
    r"(?P<title>(?:[A-Z][\w.]*\s+)*?)(?P<name>[A-Z][\w’'-]+\s+[A-Z][\w’'-]+)(?=,|\s*$)"
)
TITLE_NAME = re.compile(
    r"(?P<desc>(?:[A-Z][\w.’'-]*\s+){0,3}(?i:" + "|".join(sorted(ROLE_WORDS)) + r"))"
    r"\s+(?P<name>[A-Z][\w’'-]+\s+[A-Z][\w’'-]+)\b"
)


def split_subject(subject: str) -> tuple[str, str]:
    """("Axios journalist Barak Ravid") → ("Barak Ravid", "Axios journalist")."""
    words = [w for w in subject.split() if w.strip(".").lower() not in HONORIFICS]
    subject = " ".join(words)
    last_role = max((i for i, w in enumerate(words) if w.lower().strip(".") in ROLE_WORDS), default=-1)
    if last_role == -1 or last_role == len(words) - 1:
        return subject.strip(), ""
    return " ".join(words[last_role + 1 :]), " ".join(words[: last_role + 1])


def _long_date(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


@register
class English:
    language = "en"

    @staticmethod
    def matching_text(text: str) -> str:
        """The wording without the date lead this module adds, for comparing with stored claims."""
        return re.sub(r"^On \d{1,2} [A-Z][a-z]+ \d{4}, ", "", text)

    def suggest(
        self, body: str, *, published_on: date | None, sources: SourceIndex, publisher: SourceRef | None = None
    ) -> list[Suggestion]:
        self.body, self.published_on, self.sources, self.publisher = body, published_on, sources, publisher
        self.people = self._people(body)
        self.last_person: Attributed | None = None
        self.quote_speaker: Attributed | None = None
        self.quote_bounds = (0, 0)
        self.last_reporter: Attributed | None = None
        self.current_date = published_on
        self.earlier: list[tuple[str, Attributed | None]] = []  # (content, claimant) of earlier claims
        found: list[Suggestion] = []
        paragraph_end = -1
        for sentence in sentences(body, language="en"):
            if sentence.start > paragraph_end:  # a new paragraph: a relative date stops applying
                paragraph_end = body.find("\n", sentence.start)
                paragraph_end = len(body) if paragraph_end == -1 else paragraph_end
                self.current_date = published_on
                self._quote(sentence.start, paragraph_end)
                if self.quote_speaker is not None:
                    low, high = self.quote_bounds
                    for inner in sentences(body[low:high], language="en"):
                        found += self._quoted_sentence(Span(low + inner.start, low + inner.end, inner.text))
            if self.quote_speaker is None:
                found += self._sentence(sentence)
        found += self._title_claims()
        found.sort(key=lambda s: (s.start, s.end))
        return found

    # -- who is who ----------------------------------------------------------------------------

    def _people(self, body: str) -> dict[str, str]:
        """Surname → fullest name; and the two most-named people, for "the two leaders" and "their"."""
        full: dict[str, str] = {}
        first_seen: dict[str, int] = {}
        for m in TITLE_NAME.finditer(body):
            name = m.group("name")
            surname = name.split()[-1]
            full.setdefault(surname, name)
            first_seen.setdefault(surname, m.start())
        counts = {s: len(re.findall(rf"\b{re.escape(s)}\b", body)) for s in full}
        top = sorted(counts, key=lambda s: -counts[s])[:2]
        self.pair = [self._display(full[s]) for s in sorted(top, key=first_seen.get)]
        return full

    def _display(self, name: str) -> str:
        source = self.sources.match(name)
        if source is not None:
            return source.name
        return name

    def _person(self, name: str, role: str, described_as: str = "") -> Attributed:
        name = name.strip(" ,")
        source = self.sources.match(name)
        full = source.name if source else self.people.get(name.split()[-1], name)
        return Attributed(
            name=full, role=role, described_as=described_as, source_id=source.key if source else None, claimant=True
        )

    def _subject(self, subject: str, role: str) -> Attributed | None:
        if subject.lower() in PRONOUNS:
            if self.last_person is None:
                return None
            return Attributed(**{**self.last_person.__dict__, "role": role, "described_as": ""})
        name, described_as = split_subject(subject)
        if not re.match(r"^[A-Z]", name):
            return None
        return self._person(name, role, described_as)

    # -- one sentence --------------------------------------------------------------------------

    def _sentence(self, sentence: Span) -> list[Suggestion]:
        text = sentence.text
        if not re.search(r"[.!?”\"]$", text) or len(text.split()) < 4:
            credit = PHOTO_CREDIT.match(text)
            return [self._photo_credit(sentence, credit)] if credit else []  # a headline or a caption
        quoted = re.match(rf"^[“\"](?P<inner>.+?)[,.]?[”\"],?\s+(?P<subj>{_SUBJECT})\s+(?P<verb>{_VERBS})\.?$", text)
        if quoted:
            return []  # handled with the quote's paragraph, see _quote
        return self._clauses(sentence)

    def _clauses(self, sentence: Span) -> list[Suggestion]:
        text, base = sentence.text, sentence.start
        out = []
        skip = 0
        dateline = DATELINE.match(text)
        if dateline:
            skip = dateline.end()
        lead = _TIME_LEAD.match(text[skip:])
        if lead:
            skip += lead.end()
            phrase = lead.group("lead").lower().replace("just ", "")
            for words, days in _RELATIVE_DAYS.items():
                if phrase.startswith(words) and self.published_on:
                    self.current_date = self.published_on - timedelta(days=days)
        # A coordinated second statement ("... and said he had also discussed ...") is its own claim.
        parts = []
        cut = skip
        for m in re.finditer(rf",?\s+and\s+(?=(?:{_SPLIT_VERBS})\b)", text):
            if m.start() > cut:
                parts.append((cut, m.start()))
                cut = m.end()
        parts.append((cut, len(text)))
        subject: Attributed | None = None
        for index, (a, b) in enumerate(parts):
            clause = text[a:b]
            suggestion, subject = self._clause(clause, base + a, subject, first=index == 0)
            if suggestion is not None:
                out.append(suggestion)
        return out

    def _clause(self, clause: str, start: int, subject: Attributed | None, *, first: bool):
        """One clause → (suggestion or None, the subject for a following coordinated clause)."""
        attributions: list[Attributed] = []
        span_from, span_to = 0, len(clause)
        content = clause
        verb_word = ""
        that = False
        according = re.match(rf"^According to (?P<subj>{_SUBJECT}),\s+", clause)
        framed = re.match(
            rf"^(?P<subj>{_SUBJECT})(?P<aside>,[^,]+,)?\s+(?:also\s+|had\s+|has\s+|have\s+)*"
            rf"(?P<verb>{_VERBS})\b(?P<that>\s+that)?\s+",
            clause,
        )
        coordinated = None if first else re.match(rf"^(?P<verb>{_SPLIT_VERBS})\b(?P<that>\s+that)?\s+", clause)
        if not (according or framed or coordinated):
            # "But with 18 months left in power, he said gun control ...": an opening phrase, then the frame.
            framed = re.match(
                rf"^(?:But |And |Yet )?(?:{'|'.join(INTRO_WORDS)})\b[^,]*,\s+(?P<subj>{_SUBJECT})(?P<aside>)\s+"
                rf"(?:also\s+|had\s+|has\s+)*(?P<verb>{_VERBS})\b(?P<that>\s+that)?\s+",
                clause,
                re.IGNORECASE,
            )
            if framed and not re.match(r"^(?:[A-Z]|he$|she$|they$)", framed.group("subj")):
                framed = None
        if according:
            who = self._subject(according.group("subj"), "made")
            if who:
                attributions.append(who)
            span_from = according.end()
            content = clause[span_from:]
            verb_word, that = "said", True
        elif framed:
            verb_word = framed.group("verb")
            role = REPORTING_VERBS[verb_word]
            who = self._subject(framed.group("subj"), role)
            that = bool(framed.group("that"))
            if who:
                attributions.append(who)
                content = clause[framed.end() :]
                if framed.group("aside"):
                    span_from = framed.end()
            else:  # an unresolved "he said": keep the frame in the wording rather than lose who spoke
                content, verb_word = clause, ""
        elif coordinated:
            verb_word = coordinated.group("verb")
            if subject is not None:
                attributions.append(Attributed(**{**subject.__dict__, "role": REPORTING_VERBS.get(verb_word, "made")}))
            content = clause[coordinated.end() :]
            that = bool(coordinated.group("that"))
        elif re.search(r"\breportedly\b", clause) and self.last_reporter is not None:
            attributions.append(Attributed(**{**self.last_reporter.__dict__, "role": "reported", "claimant": True}))
            verb_word = "reportedly"
        elif self.last_person is not None and re.match(r"^(He|She)\b", clause):
            attributions.append(Attributed(**{**self.last_person.__dict__, "role": "made", "described_as": ""}))

        # A confirmation of what someone said earlier: that someone made the claim.
        if attributions and attributions[0].role == "confirmed":
            from intake.matching import trigram_similarity

            for earlier_content, earlier_claimant in reversed(self.earlier):
                if earlier_claimant and trigram_similarity(earlier_content, content) >= 0.3:
                    attributions[0].claimant = False
                    attributions.append(Attributed(**{**earlier_claimant.__dict__, "role": "made", "claimant": True}))
                    break

        trimmed = clause[span_from:span_to].rstrip(" ,;")
        quote_start = start + span_from
        quote = self.body[quote_start : quote_start + len(trimmed)]
        claimant = next((a for a in attributions if a.claimant), None)
        if (attributions and attributions[0].source_id is not None) or (attributions and attributions[0].name):
            person = attributions[0]
            if person.role in ("made", "confirmed", "reported") and verb_word != "reportedly":
                self.last_person = person if person.role == "made" else self.last_person
            if person.role in ("confirmed", "reported"):
                self.last_reporter = person
        if claimant and claimant.role == "made":
            self.last_person = claimant
        self.earlier.append((content, claimant))
        suggestion = self._build(quote, quote_start, content, attributions, verb_word, that=that)
        return suggestion, (claimant or subject)

    # -- paragraph-level shapes ----------------------------------------------------------------

    def _quote(self, start: int, end: int) -> None:
        """A paragraph that is a quotation followed by "X said": every sentence in it is X's."""
        self.quote_speaker = None
        paragraph = self.body[start:end]
        m = re.match(
            rf"^[“\"](?P<inner>.+?)[,.]?[”\"],?\s+(?P<subj>{_SUBJECT})\s+(?P<verb>{_VERBS})\.?\s*$", paragraph, re.S
        )
        if m:
            self.quote_speaker = self._subject(m.group("subj"), REPORTING_VERBS[m.group("verb")])
            self.quote_bounds = (start + m.start("inner"), start + m.end("inner"))
            if self.quote_speaker is not None:
                self.last_person = self.quote_speaker

    def _quoted_sentence(self, sentence: Span) -> list[Suggestion]:
        low, high = self.quote_bounds
        start, end = max(sentence.start, low), min(sentence.end, high)
        quote = self.body[start:end].rstrip(" ,;")
        if len(quote.split()) < 4:
            return []
        speaker = Attributed(**self.quote_speaker.__dict__)
        suggestion = self._build(quote, start, quote, [speaker], "")
        if suggestion is not None:
            date_lead = f"On {_long_date(self.current_date)}, " if self.current_date else ""
            suggestion.text = f"{date_lead}{speaker.name} said: “{quote.rstrip('.')}.”"
            self.earlier.append((quote, speaker))
        return [suggestion] if suggestion else []

    def _photo_credit(self, sentence: Span, credit) -> Suggestion:
        photographer = self._person(
            credit.group("name"), "made", f"{credit.group('org')} photo by {credit.group('title')}".strip()
        )
        site = credit.group("site")
        site_source = self.sources.match(_site_name(site))
        host = Attributed(
            name=site_source.name if site_source else site,
            role="reported",
            described_as=site,
            source_id=site_source.key if site_source else None,
        )
        text = (
            f"The article's photo was taken by {credit.group('title').strip()} {photographer.name} "
            f"({credit.group('org')}) and published on {site}."
        ).replace("  ", " ")
        return Suggestion(
            start=sentence.start,
            end=sentence.end,
            quote=sentence.text,
            text=text,
            score=0.45,
            reasons=["photo credit: who took it and under which licence"],
            attributions=[host, photographer],
            claim_date=self.published_on,
        )

    def _title_claims(self) -> list[Suggestion]:
        """'White House Press Secretary Anna Kelly' claims that Anna Kelly holds that office."""
        out, seen = [], set()
        for m in TITLE_NAME.finditer(self.body):
            desc, name = m.group("desc").strip(), m.group("name")
            office = split_subject(f"{desc} X")[1].lower()
            if name in seen or any(office.endswith(o) for o in WELL_KNOWN_OFFICES):
                continue
            line_start = self.body.rfind("\n", 0, m.start()) + 1
            if "\n" in m.group(0) or PHOTO_CREDIT.match(self.body[line_start : self.body.find("\n", m.start())]):
                continue
            seen.add(name)
            person = self._person(name, "repeated", desc)
            person.claimant = False
            attributions = [person]
            if self.publisher is not None:
                attributions.insert(
                    0,
                    Attributed(
                        name=self.publisher.name,
                        role="made",
                        described_as="the article",
                        source_id=self.publisher.key,
                        claimant=True,
                    ),
                )
            # "the White House Press Secretary" (an office), "an Axios journalist" (one of many).
            one_of_many = not desc.split()[-1][0].isupper() and not re.search(r"[’']s\b", desc)
            wording = f"{'an' if desc[0] in 'AEIOUaeiou' else 'a'} {desc}" if one_of_many else f"the {desc}"
            out.append(
                Suggestion(
                    start=m.start(),
                    end=m.end(),
                    quote=m.group(0),
                    text=f"{person.name} is {wording}.",
                    score=0.4,
                    reasons=["a title or function given to a named person"],
                    attributions=attributions,
                    claim_date=self.published_on,
                )
            )
        return out

    # -- wording and score ---------------------------------------------------------------------

    def _standalone(self, content: str, attributions: list[Attributed], verb_word: str, *, that: bool) -> str:
        # A stand-alone claim does not open on a link to the sentence before it.
        text = re.sub(r"^(?:But|And|However|Yet|So|Still),?\s+", "", content.strip()).rstrip(",;")
        if not text.endswith((".", "!", "?")):
            text += "."
        pair = " and ".join(self.pair) if len(self.pair) == 2 else ""
        if pair:
            text = re.sub(r"^Their\b", f"{pair}'s", text)
            text = re.sub(r"\b(the two leaders|both leaders)\b", pair, text)
        speaker = attributions[0] if attributions else None
        if speaker and verb_word and verb_word != "reportedly":
            verb = "said" if verb_word in ("says",) else verb_word
            if re.match(r"^(The|A|An|He|She|It|They|We|No|Their|His|Her|Its)\b", text):
                text = text[0].lower() + text[1:]
            text = f"{speaker.name} {verb} {'that ' if that else ''}{text}"
        elif speaker and re.match(r"^(He|She)\b", text):
            text = re.sub(r"^(He|She)\s+(also\s+)?", f"{speaker.name} ", text)
        text = re.sub(r"^(\S+(?: \S+)?) also ", r"\1 ", text)
        if self.current_date and not EXPLICIT_DATE.search(text):
            first = text.split(" ", 1)[0].strip(",")
            text = (
                f"On {_long_date(self.current_date)}, {text[0].lower() + text[1:] if first in COMMON_STARTS else text}"
            )
        return text[0].upper() + text[1:]

    def _score(self, quote: str, content: str, attributions, quantities) -> tuple[float, list[str]]:
        score, reasons = 0.2, []
        measured = [q for q in quantities if q["kind"] not in ("count", "year")]
        if measured:
            score += 0.3
            reasons += [f"{q['kind']}: {q['text']}" for q in measured]
        elif re.search(r"\d", content):
            score += 0.15
            reasons.append("a number")
        if EXPLICIT_DATE.search(content) or self.current_date != self.published_on:
            score += 0.1
            reasons.append("a date")
        if COMPARISON.search(content):
            score += 0.1
            reasons.append("a comparison")
        names = sorted(set(re.findall(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\b", content)) - NOT_ACTORS)
        if names:
            score += 0.1
            reasons.append("named actors: " + ", ".join(names[:4]))
        if attributions:
            score += 0.15
            reasons.append(f"attributed to {attributions[0].name} ({attributions[0].role})")
        if EVENT_VERB.search(content):
            score += 0.1
            reasons.append("a verifiable event")
        if GREETING.search(content):
            score -= 0.4
            reasons.append("a greeting or thanks (low)")
        if OPINION.search(content):
            score -= 0.3
            reasons.append("an opinion (low)")
        if VAGUE_FUTURE.search(content) and not measured:
            score -= 0.15
            reasons.append("vague or about the future (low)")
        return round(max(0.0, min(1.0, score)), 2), reasons

    def _build(
        self, quote: str, start: int, content: str, attributions, verb_word: str, *, that: bool = False
    ) -> Suggestion | None:
        if len(content.split()) < 3:
            return None
        quantities = quantities_in(content)
        score, reasons = self._score(quote, content, attributions, quantities)
        return Suggestion(
            start=start,
            end=start + len(quote),
            quote=quote,
            text=self._standalone(content, attributions, verb_word, that=that),
            score=score,
            reasons=reasons,
            quantities=quantities,
            attributions=attributions,
            claim_date=self.current_date,
        )


def _site_name(site: str) -> str:
    known = {"commons.wikimedia.org": "Wikimedia Commons"}
    return known.get(site.lower(), site)
