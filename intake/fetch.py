"""Fetch a page for import: a timeout, a size cap, public hosts only, and an error a reviewer can act on."""

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

USER_AGENT = "factcheck-intake/1.0"


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


def resolve(host: str) -> list[str]:
    """The addresses HOST resolves to (a function of its own so tests can answer without DNS)."""
    return [info[4][0] for info in socket.getaddrinfo(host, None)]


def check_public(url: str) -> None:
    """Refuse URLs that would make the server fetch from itself or its private network."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"“{url}” is not an http(s) URL.")
    try:
        addresses = resolve(parts.hostname)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"Could not find the host {parts.hostname}.") from exc
    for address in addresses:
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            raise FetchError(f"{parts.hostname} is a local or private address: only public pages can be fetched.")


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_public(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _open(request, timeout):
    return urllib.request.build_opener(_CheckedRedirects).open(request, timeout=timeout)


def fetch_url(url: str, *, timeout: float | None = None, max_bytes: int | None = None) -> Fetched:
    timeout = settings.FACTCHECK_FETCH_TIMEOUT if timeout is None else timeout
    max_bytes = settings.FACTCHECK_FETCH_MAX_BYTES if max_bytes is None else max_bytes
    check_public(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/json"})
    try:
        with _open(request, timeout) as response:
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
