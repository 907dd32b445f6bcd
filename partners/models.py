from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Partner(models.Model):
    """A site that consumes the API: a newsroom, a platform, a research group."""

    name = models.CharField(max_length=200, unique=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField()
    notes = models.TextField(blank=True)
    is_active = models.BooleanField(default=True, help_text=_("Inactive partners' keys and webhooks stop working."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ApiKey(models.Model):
    """A partner's key to the API. Only a SHA-256 hash of the secret is kept; the key is shown once.

    A key looks like `fck_<prefix>_<secret>`: the short prefix is stored in clear to find the key
    (and to recognise it in logs and the admin); the whole key is hashed. High entropy (256 bits)
    makes a plain SHA-256 enough: there is nothing to guess, so no slow password hash is needed.
    """

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=200, help_text=_("What the key is for, e.g. “Newsroom CMS sync”."))
    contact_name = models.CharField(max_length=200, blank=True, help_text=_("Empty: the partner's contact."))
    contact_email = models.EmailField(blank=True, help_text=_("Empty: the partner's contact e-mail."))
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    hashed_key = models.CharField(max_length=64, editable=False)
    rate_per_minute = models.PositiveIntegerField(
        default=600, help_text=_("Requests per minute this key may make (anonymous callers get far fewer).")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["partner__name", "name"]
        verbose_name = _("API key")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rate_per_minute__gte=1),
                name="apikey_rate_positive",
                violation_error_message=_("A key must allow at least one request per minute."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.partner.is_active

    @property
    def contact(self) -> str:
        name = self.contact_name or self.partner.contact_name
        email = self.contact_email or self.partner.contact_email
        return f"{name} <{email}>" if name else email
