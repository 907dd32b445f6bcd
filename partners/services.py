"""Partner API keys: create (the key is returned once), authenticate, revoke."""

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone

from partners.models import ApiKey, Partner

KEY_PREFIX = "fck"


class ApiKeyError(Exception):
    """A rule refused the change; the message says what to do about it."""


def hash_key(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


def _split(raw_key: str) -> str | None:
    """The lookup prefix of RAW_KEY, or None when it is not shaped like one of our keys."""
    parts = (raw_key or "").strip().split("_", 2)  # the secret itself may contain "_"
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1]


@transaction.atomic
def api_key_create(
    *,
    partner: Partner,
    name: str,
    contact_name: str = "",
    contact_email: str = "",
    rate_per_minute: int | None = None,
    user=None,
) -> tuple[ApiKey, str]:
    """A new key for PARTNER. Returns (key, raw key): show the raw key once, it cannot be recovered."""
    if not partner.is_active:
        raise ApiKeyError("This partner is inactive: reactivate it before issuing keys.")
    prefix = secrets.token_hex(4)
    while ApiKey.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    raw_key = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    api_key = ApiKey(
        partner=partner,
        name=name.strip(),
        contact_name=contact_name,
        contact_email=contact_email,
        prefix=prefix,
        hashed_key=hash_key(raw_key),
        created_by=user if user is not None and user.is_authenticated else None,
    )
    if rate_per_minute is not None:
        api_key.rate_per_minute = rate_per_minute
    api_key.full_clean()
    api_key.save()
    return api_key, raw_key


def api_key_authenticate(*, raw_key: str) -> ApiKey | None:
    """The active key RAW_KEY stands for, or None (unknown, malformed, revoked, partner inactive)."""
    prefix = _split(raw_key)
    if prefix is None:
        return None
    api_key = ApiKey.objects.select_related("partner").filter(prefix=prefix).first()
    if api_key is None or not hmac.compare_digest(api_key.hashed_key, hash_key(raw_key.strip())):
        return None
    return api_key if api_key.is_active else None


@transaction.atomic
def api_key_revoke(*, api_key: ApiKey, user=None) -> ApiKey:
    if api_key.revoked_at is not None:
        raise ApiKeyError("This key is already revoked.")
    api_key.revoked_at = timezone.now()
    api_key.revoked_by = user if user is not None and user.is_authenticated else None
    api_key.save(update_fields=["revoked_at", "revoked_by"])
    return api_key
