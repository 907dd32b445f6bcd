"""What the benchmark requests, and the floor for each: one hand-written SQL query, JSON built by PostgreSQL.

A floor produces the same rows and nested objects as the API response (the rendered Markdown of
explanations aside, which SQL cannot make), so "our time ÷ floor" is the price of Django, DRF and the
ORM's extra round trips over the least work the database must do anyway.
"""

from dataclasses import dataclass, field

PUBLIC = "('published', 'corrected', 'retracted')"

CLAIM_JSON = """
json_build_object(
  'id', p.id, 'slug', p.slug, 'text', p.text, 'claim_date', p.claim_date, 'language', p.language,
  'status', p.status,
  'tags', (SELECT coalesce(json_agg(json_build_object('slug', t.slug, 'name', t.name) ORDER BY t.name), '[]')
           FROM claims_claim_tags ct JOIN claims_tag t ON t.id = ct.tag_id WHERE ct.claim_id = p.id),
  'verdict', (SELECT json_build_object(
                'rating', CASE WHEN r.id IS NULL THEN NULL ELSE json_build_object(
                  'slug', r.slug, 'label', r.label, 'value', r.value, 'position', r.position, 'colour', r.colour,
                  'definition', r.definition,
                  'scale', json_build_object('worst', (SELECT min(value) FROM claims_rating),
                                             'best', (SELECT max(value) FROM claims_rating))) END,
                'summary', v.summary, 'explanation_markdown', v.explanation,
                'reviewer', ru.username, 'editor', eu.username,
                'evidence_count', (SELECT count(*) FROM claims_evidence e WHERE e.verdict_id = v.id),
                'created_at', v.created_at, 'updated_at', v.updated_at {evidence})
              FROM claims_verdict v LEFT JOIN claims_rating r ON r.id = v.rating_id
              LEFT JOIN auth_user ru ON ru.id = v.reviewer_id LEFT JOIN auth_user eu ON eu.id = v.editor_id
              WHERE v.claim_id = p.id),
  'appearances', (SELECT coalesce(json_agg(json_build_object(
                    'id', a.id, 'quote', a.quote, 'start', a.start, 'end', a."end",
                    'article', json_build_object('id', ar.id, 'slug', ar.slug, 'title', ar.title, 'url', ar.url,
                                                 'published_on', ar.published_on,
                                                 'publisher', json_build_object('id', pu.id, 'slug', pu.slug,
                                                                                'name', pu.name)))
                    ORDER BY a.article_id, a.start), '[]')
                  FROM claims_appearance a JOIN sources_article ar ON ar.id = a.article_id
                  LEFT JOIN sources_source pu ON pu.id = ar.publisher_id WHERE a.claim_id = p.id),
  'attributions', (SELECT coalesce(json_agg(json_build_object(
                     'id', at.id, 'role', at.role, 'described_as', at.described_as, 'article_id', at.article_id,
                     'source', json_build_object('id', s.id, 'slug', s.slug, 'name', s.name, 'kind', s.kind))
                     ORDER BY at.role, at.id), '[]')
                   FROM claims_attribution at JOIN sources_source s ON s.id = at.source_id WHERE at.claim_id = p.id),
  'first_published_at', p.first_published_at, 'published_at', p.published_at, 'updated_at', p.updated_at,
  'version', p.version,
  'links', json_build_object('page', '/claims/' || p.slug || '/', 'api', '/api/v1/claims/' || p.id || '/')
  {extra})
"""

EVIDENCE_JSON = """, 'evidence', (SELECT coalesce(json_agg(json_build_object(
      'id', e.id, 'title', e.title, 'url', e.url, 'quote', e.quote, 'stance', e.stance,
      'accessed_on', e.accessed_on, 'source', CASE WHEN es.id IS NULL THEN NULL
        ELSE json_build_object('id', es.id, 'slug', es.slug, 'name', es.name) END)
      ORDER BY e.position, e.id), '[]')
    FROM claims_evidence e LEFT JOIN sources_source es ON es.id = e.source_id WHERE e.verdict_id = v.id)"""

CORRECTIONS_JSON = """, 'corrections', (SELECT coalesce(json_agg(json_build_object('note', co.note,
      'created_at', co.created_at) ORDER BY co.created_at DESC), '[]')
    FROM claims_correction co WHERE co.claim_id = p.id AND NOT co.minor)"""


# Not c.*: the tsvector column would widen every row the database sorts. Public claims always have a
# published_at; saying so lets the newest-first walk of the published_at index skip the drafts' NULLs.
CLAIM_COLUMNS = (
    "c.id, c.slug, c.text, c.claim_date, c.language, c.status, c.first_published_at, c.published_at, "
    "c.updated_at, c.version"
)


def claim_list_floor(where: str = "", order: str = "p.published_at DESC, p.id DESC", limit: int = 50) -> str:
    """The API claims list: one page of public claims with everything the list serializer nests."""
    return f"""
WITH page AS (
  SELECT {CLAIM_COLUMNS}, {"ts_rank(c.search_vector, q.tsq)" if "tsq" in where else "0"} AS relevance
  FROM claims_claim c {", websearch_to_tsquery('english', %(q)s) q(tsq)" if "tsq" in where else ""}
  WHERE c.status IN {PUBLIC} AND c.published_at IS NOT NULL {where}
  ORDER BY {order.replace("p.", "c.").replace("c.relevance", "relevance")}
  LIMIT {limit}
)
SELECT json_build_object('results', coalesce(json_agg({CLAIM_JSON.format(evidence="", extra="")}
                                                  ORDER BY {order}), '[]'))::text
FROM page p
"""


def claim_detail_floor() -> str:
    return f"""
SELECT {CLAIM_JSON.format(evidence=EVIDENCE_JSON, extra=CORRECTIONS_JSON)}::text
FROM claims_claim p WHERE p.id = %(pk)s AND p.status IN {PUBLIC}
"""


def source_floor() -> str:
    """The source with its scorecard (public verdicts per rating of claims it made) and its latest claims."""
    return f"""
SELECT json_build_object(
  'id', s.id, 'slug', s.slug, 'name', s.name, 'kind', s.kind, 'description', s.description, 'url', s.url,
  'scorecard', (SELECT json_agg(json_build_object('rating', json_build_object('slug', r.slug, 'label', r.label,
                                   'value', r.value), 'count', coalesce(n.count, 0)) ORDER BY r.position)
                FROM claims_rating r LEFT JOIN (
                  SELECT v.rating_id, count(DISTINCT c.id) AS count
                  FROM claims_attribution at JOIN claims_claim c ON c.id = at.claim_id
                  JOIN claims_verdict v ON v.claim_id = c.id
                  WHERE at.source_id = s.id AND at.role = 'made' AND c.status IN {PUBLIC}
                  GROUP BY v.rating_id) n ON n.rating_id = r.id),
  'claims', (SELECT coalesce(json_agg(json_build_object('id', c.id, 'slug', c.slug, 'text', c.text,
                                                        'published_at', c.published_at)
                                      ORDER BY c.published_at DESC, c.id DESC), '[]')
             FROM (SELECT c.* FROM claims_claim c
                   WHERE c.status IN {PUBLIC}
                     AND EXISTS (SELECT 1 FROM claims_attribution at WHERE at.claim_id = c.id AND at.source_id = s.id)
                   ORDER BY c.published_at DESC, c.id DESC LIMIT 20) c)
)::text
FROM sources_source s WHERE s.id = %(pk)s
"""


def article_floor() -> str:
    """The article with its body and the public claims quoted in it, with their offsets (the highlights)."""
    return f"""
SELECT json_build_object(
  'id', ar.id, 'slug', ar.slug, 'title', ar.title, 'url', ar.url, 'published_on', ar.published_on,
  'language', ar.language, 'byline', ar.byline, 'body', ar.body,
  'publisher', (SELECT json_build_object('id', pu.id, 'slug', pu.slug, 'name', pu.name)
                FROM sources_source pu WHERE pu.id = ar.publisher_id),
  'claims', (SELECT coalesce(json_agg(json_build_object('id', c.id, 'slug', c.slug, 'text', c.text,
                                                        'quote', a.quote, 'start', a.start, 'end', a."end",
                                                        'rating', r.slug) ORDER BY a.start), '[]')
             FROM claims_appearance a JOIN claims_claim c ON c.id = a.claim_id
             LEFT JOIN claims_verdict v ON v.claim_id = c.id LEFT JOIN claims_rating r ON r.id = v.rating_id
             WHERE a.article_id = ar.id AND c.status IN {PUBLIC})
)::text
FROM sources_article ar WHERE ar.id = %(pk)s
"""


def google_search_floor(limit: int = 10) -> str:
    """claims:search: the page of matches, ranked, as Google's claim + claimReview objects."""
    return f"""
WITH page AS (
  SELECT c.id, c.slug, c.text, c.claim_date, c.published_at, ts_rank(c.search_vector, q.tsq) AS relevance
  FROM claims_claim c, websearch_to_tsquery('english', %(q)s) q(tsq)
  WHERE c.status IN {PUBLIC} AND c.search_vector @@ q.tsq
  ORDER BY relevance DESC, c.published_at DESC, c.id DESC LIMIT {limit}
)
SELECT json_build_object('claims', json_agg(json_build_object(
  'text', p.text, 'claimDate', p.claim_date,
  'claimant', (SELECT string_agg(s.name, ', ') FROM claims_attribution at JOIN sources_source s ON s.id = at.source_id
               WHERE at.claim_id = p.id AND at.role = 'made'),
  'claimReview', json_build_array(json_build_object(
     'publisher', json_build_object('name', 'Factcheck Desk'), 'url', '/claims/' || p.slug || '/',
     'title', p.text, 'reviewDate', p.published_at, 'languageCode', 'en',
     'textualRating', (SELECT r.label FROM claims_verdict v JOIN claims_rating r ON r.id = v.rating_id
                       WHERE v.claim_id = p.id))))
  ORDER BY p.relevance DESC, p.published_at DESC, p.id DESC))::text
FROM page p
"""


@dataclass
class Case:
    name: str
    path: str
    floor_sql: str | None = None
    floor_params: dict = field(default_factory=dict)
    kind: str = "api"  # api or page


def build_cases(s: dict) -> list[Case]:
    """S: the sample rows picked from the database (claim, sources, article, deep cursor ...)."""
    size = 50
    rating_where = "AND EXISTS (SELECT 1 FROM claims_verdict v WHERE v.claim_id = c.id AND v.rating_id = %(rating)s)"
    # The source's id, as the ORM has it after the filter form resolved the slug: the planner sees the value.
    source_where = (
        "AND EXISTS (SELECT 1 FROM claims_attribution at WHERE at.claim_id = c.id AND at.source_id = %(source)s)"
    )
    search_where = "AND c.search_vector @@ q.tsq"
    deep_where = "AND (c.published_at, c.id) < (%(after_published)s, %(after_id)s)"
    relevance_order = "p.relevance DESC, p.published_at DESC, p.id DESC"
    return [
        # The partner API (JSON): what the targets are about.
        Case("API list, first page (50)", f"/api/v1/claims/?page_size={size}", claim_list_floor(limit=size)),
        Case(
            "API list, deep cursor page (50)",
            f"/api/v1/claims/?page_size={size}&cursor={s['deep_cursor']}",
            claim_list_floor(deep_where, limit=size),
            {"after_published": s["deep_published"], "after_id": s["deep_id"]},
        ),
        Case(
            "API list, filtered by rating (50)",
            f"/api/v1/claims/?page_size={size}&rating={s['rating']}",
            claim_list_floor(rating_where, limit=size),
            {"rating": s["rating_id"]},
        ),
        Case(
            "API list, filtered by busiest source (50)",
            f"/api/v1/claims/?page_size={size}&source={s['big_source_slug']}",
            claim_list_floor(source_where, limit=size),
            {"source": s["big_source_id"]},
        ),
        Case(
            f"API full-text search '{s['query']}' (50)",
            f"/api/v1/claims/?page_size={size}&q={s['query']}",
            claim_list_floor(search_where, relevance_order, limit=size),
            {"q": s["query"]},
        ),
        Case(
            "API claim detail",
            f"/api/v1/claims/{s['claim_id']}/",
            claim_detail_floor(),
            {"pk": s["claim_id"]},
        ),
        Case(
            "API source with scorecard (busiest)",
            f"/api/v1/sources/{s['big_source_id']}/",
            source_floor(),
            {"pk": s["big_source_id"]},
        ),
        Case(
            "API article with highlights",
            f"/api/v1/articles/{s['article_id']}/",
            article_floor(),
            {"pk": s["article_id"]},
        ),
        Case(
            "API ClaimReview feed (50)",
            f"/api/v1/claims/feed/?page_size={size}",
            claim_list_floor("AND c.status IN ('published', 'corrected')", limit=size),
        ),
        Case(
            f"API claims:search '{s['query']}' (10)",
            f"/api/v1/claims:search?query={s['query']}&pageSize=10",
            google_search_floor(10),
            {"q": s["query"]},
        ),
        # The public pages (HTML).
        Case("Page: claims list", "/claims/", kind="page"),
        Case(
            "Page: claims list, deep page",
            f"/claims/?page={s.get('deep_page_position', s['deep_page'])}",
            kind="page",
        ),
        Case("Page: claims list, by rating", f"/claims/?rating={s['rating']}", kind="page"),
        Case("Page: claims list, by busiest source", f"/claims/?source={s['big_source_slug']}", kind="page"),
        Case(f"Page: search '{s['query']}'", f"/claims/?q={s['query']}", kind="page"),
        Case("Page: claim", f"/claims/{s['claim_slug']}/", kind="page"),
        Case("Page: source with scorecard (busiest)", f"/sources/{s['big_source_slug']}/", kind="page"),
        Case("Page: source with scorecard (typical)", f"/sources/{s['typical_source_slug']}/", kind="page"),
        Case("Page: article with highlights", f"/articles/{s['article_slug']}/", kind="page"),
        Case("Page: RSS feed of verdicts", "/feeds/verdicts/rss/", kind="page"),
    ]
