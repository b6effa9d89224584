"""A migration operation that installs a daily django-q2 schedule (and removes it on the way back).

Domain apps keep their periodic work on the task queue; each adds its schedule in a migration,
so a new database gets it with ``migrate`` and nothing has to be set up by hand.
"""

from __future__ import annotations

from django.db import migrations

#: the django-q2 migration whose Schedule model the operation uses
DJANGO_Q = ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more")


def daily(name: str, func: str) -> migrations.RunPython:
    """Run ``func`` (a dotted path) once a day, under the schedule ``name``."""

    def add(apps, schema_editor) -> None:
        apps.get_model("django_q", "Schedule").objects.get_or_create(
            name=name, defaults={"func": func, "schedule_type": "D", "repeats": -1}
        )

    def remove(apps, schema_editor) -> None:
        apps.get_model("django_q", "Schedule").objects.filter(name=name).delete()

    return migrations.RunPython(add, remove)
