"""Extra output formats: schema.org JSON-LD and CSV. Views decide what data each format gets."""

import csv
import io

from rest_framework.renderers import BaseRenderer, JSONRenderer


class JSONLDRenderer(JSONRenderer):
    """`?format=jsonld` or `Accept: application/ld+json`: a ClaimReview, or a DataFeed of them."""

    media_type = "application/ld+json"
    format = "jsonld"


class CSVRenderer(BaseRenderer):
    """`?format=csv`: the view hands over a list of flat dicts (one per row) under `results`."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code >= 400:
            rows, header = [data] if isinstance(data, dict) else [], list(data) if isinstance(data, dict) else []
        else:
            rows = data.get("results", []) if isinstance(data, dict) else (data or [])
            header = list(rows[0]) if rows else list(getattr(renderer_context.get("view"), "csv_header", []))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: _cell(value) for key, value in row.items()})
        return out.getvalue().encode(self.charset)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    text = str(value)
    # A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
