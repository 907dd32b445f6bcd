"""pg_trgm for duplicate matching (PostgreSQL only), the default rating mappings, and staff rights.

On SQLite the extension step does nothing: intake.matching computes the same trigram similarity in
Python.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# External label → our rating slug. Labels are compared lower-cased; editors extend this in the admin.
DEFAULT_MAPPINGS = {
    "true": ["true", "correct", "accurate", "verdadero", "verdadeiro", "vrai", "richtig", "wahr"],
    "mostly-true": ["mostly true", "mostly correct", "mostly accurate", "largely accurate"],
    "half-true": ["half true", "half-true", "partly true", "partially true", "partly false", "mixture", "mixed"],
    "mostly-false": ["mostly false", "largely false", "mostly incorrect"],
    "false": ["false", "incorrect", "wrong", "fake", "falso", "falsch", "faux", "no", "not true"],
    "pants-on-fire": ["pants on fire", "pants on fire!", "four pinocchios"],
    "misleading": [
        "misleading",
        "missing context",
        "out of context",
        "engañoso",
        "enganoso",
        "enganador",
        "irreführend",
    ],
    "unproven": ["unproven", "unverified", "unsubstantiated", "no evidence", "sin evidencia", "unbelegt"],
}

REVIEWER_CODES = [
    "view_externalreview",
    "add_externalreview",
    "change_externalreview",
    "view_claimsuggestion",
    "add_claimsuggestion",
    "change_claimsuggestion",
    "view_ratingmapping",
]
EDITOR_EXTRA = [
    "delete_externalreview",
    "delete_claimsuggestion",
    "add_ratingmapping",
    "change_ratingmapping",
    "delete_ratingmapping",
]


def enable_trigrams(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


def seed(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    RatingMapping = apps.get_model("intake", "RatingMapping")
    for slug, labels in DEFAULT_MAPPINGS.items():
        rating = Rating.objects.filter(slug=slug).first()
        if rating is None:
            continue
        for label in labels:
            RatingMapping.objects.get_or_create(publisher="", label=label, defaults={"rating": rating})

    app_config = apps.get_app_config("intake")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in (("Reviewer", REVIEWER_CODES), ("Editor", REVIEWER_CODES + EDITOR_EXTRA)):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*Permission.objects.filter(content_type__app_label="intake", codename__in=codes))


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0001_initial"),
        ("claims", "0002_rating_scale_and_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(enable_trigrams, migrations.RunPython.noop),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
