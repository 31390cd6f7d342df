"""Exclude every open assignment of every expert that conflicts now (apps.accounts.conflicts).

    manage.py exclude_conflicted_assignments

The accounts services exclude at once what a new declaration, affiliation or former employer makes conflicted, and
every act of an expert checks again; this command catches up a database whose assignments predate that rule (or
whose conflicts were entered outside the services), so that the bureau sees each exclusion now rather than at the
expert's next act. Each exclusion is audited (as the expert's act: the conflict is the expert's) and the bureau
told, as when the expert declares."""

from django.core.management.base import BaseCommand
from django.db import transaction

from apps.accounts import conflicts
from apps.accounts.models import User
from apps.core.roles import Role


class Command(BaseCommand):
    help = "Exclude the open assignments (arguments, reviews) that now conflict with their expert."

    def handle(self, *args, **options):
        count = 0
        for expert in User.objects.filter(role=Role.EXPERT, expert_profile__isnull=False).order_by("pk"):
            with transaction.atomic():
                for kind, assignment, conflict in conflicts.exclude_open_assignments(expert):
                    count += 1
                    self.stdout.write(f"{kind} · {assignment}: {conflict.reason}")
        self.stdout.write(f"{count} excluded")
