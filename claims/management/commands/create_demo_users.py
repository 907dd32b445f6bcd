from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

DEMO_PASSWORD = "factcheck-demo"
DEMO_USERS = [
    ("demo-reviewer", "Reviewer", "Dana", "Reviewer"),
    ("demo-editor", "Editor", "Eli", "Editor"),
    ("demo-editor-2", "Editor", "Noor", "Second-Editor"),
]


class Command(BaseCommand):
    help = "Create the demo reviewer and editors with a known password. Refused unless DEBUG is on."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off (never in production).")

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo users have a published password: refused with DEBUG off (use --force).")
        User = get_user_model()
        for username, group_name, first, last in DEMO_USERS:
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                raise CommandError(f"Group {group_name} is missing: run `manage.py migrate` first.")
            user, _ = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = first, last
            user.is_staff = True
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(group)
            self.stdout.write(f"  {username:15} password {DEMO_PASSWORD}  ({group_name})")
