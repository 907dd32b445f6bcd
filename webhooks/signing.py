"""How deliveries are signed. Partners verify with the same few lines (see the README)."""

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Factcheck-Signature"
TIMESTAMP_HEADER = "X-Factcheck-Timestamp"
EVENT_HEADER = "X-Factcheck-Event"
DELIVERY_HEADER = "X-Factcheck-Delivery"
TOLERANCE_SECONDS = 300


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """'sha256=' + hex HMAC-SHA256 of '<timestamp>.<body>' keyed with the subscription's secret."""
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_headers(*, secret: str, body: bytes, event: str, delivery_id: str, timestamp: int | None = None) -> dict:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": "application/json",
        "User-Agent": "Factcheck-Webhooks/1",
        EVENT_HEADER: event,
        DELIVERY_HEADER: delivery_id,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(secret=secret, timestamp=timestamp, body=body),
    }


def verify(*, secret: str, body: bytes, timestamp: str, signature_header: str, now: float | None = None) -> bool:
    """What a partner does: recompute, compare in constant time, and refuse old timestamps (replays)."""
    try:
        ts = int(timestamp)
    except (TypeError, ValueError):
        return False
    now = time.time() if now is None else now
    if abs(now - ts) > TOLERANCE_SECONDS:
        return False
    return hmac.compare_digest(signature(secret=secret, timestamp=ts, body=body), signature_header or "")
