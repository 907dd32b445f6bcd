"""History in the admin: compare any two versions of a record, field by field, with a word diff.

simple-history supplies the history list (with each version's changes) and the revert form; reverts go
through the model admin's save_model, so for claims and verdicts they pass the same services and rules
as any other edit, and are themselves recorded as a new version.
"""

import difflib
import re

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

HIDDEN_IN_DIFF = ["updated_at", "created_at"]


def word_diff(old: str, new: str) -> str:
    """HTML of NEW against OLD with removed words in <del> and added words in <ins>."""
    a, b = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))  # every piece was escaped above


def _display(value) -> str:
    if value is None or value == "":
        return "—"
    return str(value)


def history_diff(old_record, new_record) -> list[dict]:
    """Rows of {label, old, new, diff} for each field that differs between two history records."""
    model = new_record.instance_type
    delta = new_record.diff_against(old_record, excluded_fields=HIDDEN_IN_DIFF, foreign_keys_are_objs=True)
    rows = []
    for change in delta.changes:
        field = model._meta.get_field(change.field)
        old, new = change.old, change.new
        diff = None
        if isinstance(old, str) and isinstance(new, str) and (len(old) > 40 or len(new) > 40):
            diff = word_diff(old, new)
        rows.append({"label": field.verbose_name, "old": _display(old), "new": _display(new), "diff": diff})
    return rows


class HistoryCompareMixin:
    """Adds 'compare two versions' to a SimpleHistoryAdmin's history page."""

    object_history_template = "admin/history/object_history.html"

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        # Before simple-history's "<id>/history/<version_id>/", which would swallow "compare".
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.history_compare_view),
                name="{}_{}_history_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    def history_compare_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))
        if not records:
            raise Http404
        by_id = {str(r.history_id): r for r in records}
        new = by_id.get(request.GET.get("to", "")) or records[0]
        old = by_id.get(request.GET.get("from", "")) or (records[1] if len(records) > 1 else records[0])
        if old.history_date > new.history_date:
            old, new = new, old
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions: %s") % obj,
            "opts": opts,
            "object": obj,
            "records": records,
            "old": old,
            "new": new,
            "rows": history_diff(old, new),
            "revert_url_name": f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        }
        return TemplateResponse(request, "admin/history/compare.html", context)
