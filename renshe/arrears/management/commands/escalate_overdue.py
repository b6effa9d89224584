"""``manage.py escalate_overdue``: alerts past their step's deadline go one level up.

Run daily; the demo loader schedules it in the django-q2 queue
(``renshe.arrears.workflow.escalate_overdue``, daily).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from renshe.arrears.workflow import escalate_overdue


class Command(BaseCommand):
    help = "逾期未办的预警升级到上一级 / escalate alerts whose deadline has passed"

    def handle(self, *args, **options) -> None:
        moved = escalate_overdue()
        self.stdout.write(f"升级 {len(moved)} 件 / escalated {len(moved)}")
        for a in moved:
            self.stdout.write(f"  {a.warning_id} → {a.organisation.name}")
