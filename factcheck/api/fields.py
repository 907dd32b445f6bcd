"""Filters and form fields that refuse what they do not understand instead of ignoring it.

The filter classes also tell the OpenAPI schema their parameter's type.
"""

import time

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

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


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


@extend_schema_field(OpenApiTypes.STR)
class SlugFilter(django_filters.ModelChoiceFilter):
    """An object by its slug; an unknown slug is an error naming the parameter."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class SlugsFilter(django_filters.ModelMultipleChoiceFilter):
    """Objects by slug, the parameter repeated for any of several."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.ModelChoiceFilter):
    """An object by its id; an unknown id is an error naming the parameter."""


class _KnownObjects:
    """Objects already looked up by slug, kept in this process for a minute.

    A filter by rating or by source would otherwise cost a lookup query on every request, and ratings
    are few and sources change rarely. A save or delete of a model in this process forgets its objects;
    other processes may keep a renamed or deleted slug for up to SECONDS (the filter then answers an
    empty list instead of a 400 for that minute). An unknown slug is never remembered: it is looked up
    each time, so a new rating or source is usable at once.
    """

    SECONDS = 60
    SIZE = 4096

    def __init__(self):
        self._objects: dict[type, dict[tuple, tuple[float, object]]] = {}
        self._watched: set[type] = set()

    def _watch(self, model):
        if model in self._watched:
            return
        from django.db.models.signals import post_delete, post_save

        uid = f"known-objects-{model._meta.label_lower}"
        post_save.connect(self.forget, sender=model, weak=False, dispatch_uid=uid + "-save")
        post_delete.connect(self.forget, sender=model, weak=False, dispatch_uid=uid + "-delete")
        self._watched.add(model)

    def forget(self, sender, **kwargs):
        self._objects.pop(sender, None)

    def get(self, model, field: str, value: str):
        self._watch(model)
        hit = self._objects.get(model, {}).get((field, value))
        if hit is None or hit[0] < time.monotonic():
            return None
        return hit[1]

    def put(self, model, field: str, value: str, obj) -> None:
        objects = self._objects.setdefault(model, {})
        if len(objects) >= self.SIZE:
            objects.clear()
        objects[(field, value)] = (time.monotonic() + self.SECONDS, obj)


known_objects = _KnownObjects()


class KnownSlugField(forms.ModelChoiceField):
    """A ModelChoiceField over a whole table that remembers the objects it has found (see _KnownObjects)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        model, field = self.queryset.model, self.to_field_name or "pk"
        obj = known_objects.get(model, field, str(value))
        if obj is None:
            obj = super().to_python(value)
            known_objects.put(model, field, str(value), obj)
        return obj


class KnownSlugsField(forms.ModelMultipleChoiceField):
    """The same for a repeated parameter: no query when every slug is already known."""

    def clean(self, value):
        if value and isinstance(value, list | tuple) and self.to_field_name:
            model = self.queryset.model
            found = [known_objects.get(model, self.to_field_name, str(v)) for v in value]
            if all(obj is not None for obj in found):
                return found
        objects = super().clean(value)
        for obj in objects or []:
            known_objects.put(self.queryset.model, self.to_field_name, str(getattr(obj, self.to_field_name)), obj)
        return objects


@extend_schema_field(OpenApiTypes.STR)
class KnownSlugFilter(SlugFilter):
    """SlugFilter for a whole table (ratings, sources): a known slug costs no query."""

    field_class = KnownSlugField


@extend_schema_field(OpenApiTypes.STR)
class KnownSlugsFilter(SlugsFilter):
    """SlugsFilter for a whole table: known slugs cost no query."""

    field_class = KnownSlugsField
