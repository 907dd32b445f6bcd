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
