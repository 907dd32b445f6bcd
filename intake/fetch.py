"""Fetch a page for import: a timeout, a size cap, and an error a reviewer can act on."""

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings

USER_AGENT = "factcheck-intake/1.0 (+https://github.com/)"


class FetchError(Exception):
    """The page could not be fetched; the message says why."""


@dataclass
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str

    @property
    def text(self) -> str:
        charset = "utf-8"
        if "charset=" in self.content_type:
            charset = self.content_type.split("charset=")[-1].split(";")[0].strip() or charset
        try:
            return self.content.decode(charset, errors="replace")
        except LookupError:
            return self.content.decode("utf-8", errors="replace")


def fetch_url(url: str, *, timeout: float | None = None, max_bytes: int | None = None) -> Fetched:
    timeout = settings.FACTCHECK_FETCH_TIMEOUT if timeout is None else timeout
    max_bytes = settings.FACTCHECK_FETCH_MAX_BYTES if max_bytes is None else max_bytes
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"“{url}” is not an http(s) URL.")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"The page is {int(declared):,} bytes; the limit is {max_bytes:,}.")
            content = response.read(max_bytes + 1)
            if len(content) > max_bytes:
                raise FetchError(f"The page is larger than the limit of {max_bytes:,} bytes.")
            return Fetched(
                url=response.geturl() or url,
                content=content,
                content_type=response.headers.get("Content-Type", ""),
            )
    except TimeoutError as exc:
        raise FetchError(f"No answer from {url} within {timeout:g} seconds.") from exc
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url} answered HTTP {exc.code} {exc.reason}.") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise FetchError(f"No answer from {url} within {timeout:g} seconds.") from exc
        raise FetchError(f"Could not reach {url}: {exc.reason}.") from exc
