from django.utils.text import slugify


def unique_slug(model, text: str, *, max_length: int = 80, exclude_pk=None) -> str:
    """A slug for TEXT that no other row of MODEL has: 'text', then 'text-2', 'text-3'..."""
    base = slugify(text)[:max_length].strip("-") or "item"
    taken = set(model.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
