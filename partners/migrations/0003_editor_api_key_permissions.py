"""Editors issue and revoke partners' API keys in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_apikey", "add_apikey", "change_apikey"]


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("partners")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editor")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="partners", codename__in=CODENAMES))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Editor").first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="partners", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_api_key"),
        ("claims", "0002_rating_scale_and_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
