"""Form fields for filters that refuse what they do not understand instead of ignoring it."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


class StrictBooleanField(forms.Field):
    """true/false (or 1/0, yes/no); anything else is an error, never a silently ignored filter."""

    default_error_messages = {"invalid": _("Enter true or false.")}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        lowered = str(value).strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


language_code = RegexValidator(
    r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    _("Enter a language code such as en or pt-BR."),
)
