"""The one place that talks HTTP to partners. Tests replace `send`; nothing else opens a socket."""

import urllib.error
import urllib.request


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect would turn the POST into a GET and drop the body: treat it as a failed attempt.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def send(*, url: str, body: bytes, headers: dict, timeout: float) -> tuple[int, str]:
    """POST BODY to URL; return (status code, start of the response). Raises OSError on network failure."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, response.read(2000).decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(2000).decode("utf-8", errors="replace")
