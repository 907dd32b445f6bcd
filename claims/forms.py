"""Forms of the public site."""

from django import forms
from django.utils.translation import gettext_lazy as _


class TipForm(forms.Form):
    text = forms.CharField(
        label=_("The claim"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was said, and by whom, as exactly as you can."),
    )
    url = forms.URLField(
        label=_("Link to where it appeared"),
        max_length=1000,
        required=False,
        help_text=_("An article, a post or a video."),
    )
    email = forms.EmailField(
        label=_("Your email (optional)"),
        required=False,
        help_text=_("Only used to tell you if we check it."),
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by form-filling bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
