"""Editors manage partners' webhook subscriptions and read the delivery log."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = [
    "view_webhooksubscription",
    "add_webhooksubscription",
    "change_webhooksubscription",
    "delete_webhooksubscription",
    "view_webhookdelivery",
    "view_webhookattempt",
]


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("webhooks")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(*Permission.objects.filter(content_type__app_label="webhooks", codename__in=EDITOR))


class Migration(migrations.Migration):
    dependencies = [("webhooks", "0001_initial"), ("claims", "0002_rating_scale_and_groups")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
