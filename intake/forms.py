from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from claims.models import Claim


def _read_upload(upload) -> bytes:
    limit = settings.FACTCHECK_FETCH_MAX_BYTES
    if upload.size > limit:
        raise forms.ValidationError(
            _("The file is %(size)s bytes; the limit is %(limit)s.") % {"size": upload.size, "limit": limit}
        )
    return upload.read()


class ArticleImportForm(forms.Form):
    url = forms.URLField(
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=_("Fetched, unless a file or text is given too: then it is the article's address."),
    )
    html_file = forms.FileField(required=False, label=_("Saved page (HTML)"))
    text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 12, "cols": 90}), label=_("Or paste the text")
    )
    title = forms.CharField(required=False, max_length=500, help_text=_("Only to override the title found."))

    def clean(self):
        data = super().clean()
        given = [name for name in ("html_file", "text") if data.get(name)]
        if len(given) > 1:
            raise forms.ValidationError(_("Give a saved page or pasted text, not both."))
        if not given and not data.get("url"):
            raise forms.ValidationError(_("Give the article's URL, a saved HTML page, or its text."))
        if data.get("html_file"):
            data["html"] = _read_upload(data["html_file"])
        return data


class ClaimReviewUploadForm(forms.Form):
    file = forms.FileField(required=False, help_text=_("JSON-LD (.json) or an HTML page with ClaimReview markup."))
    url = forms.URLField(required=False, max_length=1000, assume_scheme="https", label=_("Or a URL to fetch"))
    pasted = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 8, "cols": 90}), label=_("Or paste the JSON-LD")
    )
    language = forms.CharField(
        required=False, max_length=12, help_text=_("Language of new draft claims when a review does not say.")
    )

    def clean(self):
        data = super().clean()
        given = [name for name in ("file", "url", "pasted") if data.get(name)]
        if len(given) != 1:
            raise forms.ValidationError(_("Give exactly one of: a file, a URL, or pasted JSON-LD."))
        if data.get("file"):
            data["data"] = _read_upload(data["file"])
        elif data.get("pasted"):
            data["data"] = data["pasted"]
        return data


class SuggestionDecisionForm(forms.Form):
    ACCEPT, DISMISS, LINK = "accept", "dismiss", "link"
    action = forms.ChoiceField(choices=[(ACCEPT, _("Accept")), (DISMISS, _("Dismiss")), (LINK, _("Link"))])
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    claim_date = forms.DateField(required=False)
    claim = forms.ModelChoiceField(queryset=Claim.objects.all(), required=False)

    def clean(self):
        data = super().clean()
        if data.get("action") == self.LINK and not data.get("claim"):
            raise forms.ValidationError(_("Choose the existing claim to link this appearance to."))
        return data
