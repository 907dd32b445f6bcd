"""The default rating scale, and the Reviewer and Editor groups with the permissions of their jobs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RATINGS = [
    # slug, label, value, colour, definition
    ("true", "True", 6, "#1a7f37", "The claim is accurate and nothing significant is missing."),
    (
        "mostly-true",
        "Mostly true",
        5,
        "#4c9a2a",
        "The claim is accurate but needs clarification or additional information.",
    ),
    (
        "half-true",
        "Half true",
        4,
        "#b08800",
        "The claim is partially accurate but leaves out important details or takes things out of context.",
    ),
    (
        "mostly-false",
        "Mostly false",
        3,
        "#d4700b",
        "The claim contains an element of truth but ignores critical facts that would give a different impression.",
    ),
    ("false", "False", 2, "#cf222e", "The claim is not accurate."),
    ("pants-on-fire", "Pants on fire", 1, "#82071e", "The claim is not accurate and makes a ridiculous assertion."),
    (
        "misleading",
        "Misleading",
        None,
        "#8250df",
        "The claim uses accurate facts in a way that leaves a false impression.",
    ),
    ("unproven", "Unproven", None, "#57606a", "The evidence available does not prove or disprove the claim."),
]

# codename prefixes per model, by group. Deleting published work is left to editors.
REVIEWER = {
    "claim": ("view", "add", "change"),
    "appearance": ("view", "add", "change", "delete"),
    "attribution": ("view", "add", "change", "delete"),
    "verdict": ("view", "add", "change"),
    "evidence": ("view", "add", "change", "delete"),
    "tag": ("view", "add", "change"),
    "rating": ("view",),
    "statuschange": ("view",),
    "correction": ("view",),
    "tip": ("view", "change"),
    "source": ("view", "add", "change"),
    "article": ("view", "add", "change"),
}
EDITOR_EXTRA = {
    "claim": ("delete", "publish", "retract"),
    "verdict": ("delete",),
    "tag": ("delete",),
    "rating": ("add", "change"),
    "correction": ("add", "change"),
    "tip": ("delete",),
    "source": ("delete",),
    "article": ("delete",),
    "partner": ("view", "add", "change"),
}


def _codenames(spec):
    names = []
    for model, actions in spec.items():
        names += [f"{action}_{model}" for action in actions]
    return names


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Rating = apps.get_model("claims", "Rating")
    for position, (slug, label, value, colour, definition) in enumerate(RATINGS, start=1):
        Rating.objects.update_or_create(
            slug=slug,
            defaults={"label": label, "value": value, "colour": colour, "definition": definition, "position": position},
        )

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewer_codes = _codenames(REVIEWER)
    editor_codes = reviewer_codes + _codenames(EDITOR_EXTRA)
    for name, codes in (("Reviewer", reviewer_codes), ("Editor", editor_codes)):
        group, _ = Group.objects.get_or_create(name=name)
        perms = list(Permission.objects.filter(codename__in=codes))
        found = {p.codename for p in perms}
        missing = set(codes) - found
        if missing:
            raise RuntimeError(f"Permissions missing for group {name}: {sorted(missing)}")
        group.permissions.set(perms)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("sources", "0001_initial"),
        ("partners", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
