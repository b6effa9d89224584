"""Keep the days copied onto a request or a disclosure application equal to its running clock.

The kernel recomputes open clocks when a holiday notice is saved later
(``lawcalendar.service.recompute_year``); the KPI page reads the copies, so each saved clock
that is a record's current one is copied back (one UPDATE, no new audit: the clock's own
change is audited by the kernel).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.dispatch import receiver

from renshe.platform.lawcalendar.models import TrackedDeadline

STATE_FIELD = {"registered": "acceptance_due", "accepted": "closing_due", "reviewing": "review_due",
               "rereviewing": "review_due"}


@receiver(post_save, sender=TrackedDeadline, dispatch_uid="appeals.copy_clock_days")
def copy_days(sender, instance: TrackedDeadline, created: bool, **kwargs) -> None:
    if created or not instance.is_open:
        return
    from .models import Appeal, DisclosureRequest

    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    if model is Appeal:
        appeal = Appeal.objects.filter(pk=instance.object_id, clock=instance).only("state").first()
        if appeal is not None and appeal.state in STATE_FIELD:
            Appeal.objects.filter(pk=appeal.pk).update(**{STATE_FIELD[appeal.state]: instance.due})
    elif model is DisclosureRequest:
        DisclosureRequest.objects.filter(pk=instance.object_id, clock=instance).update(
            reply_due=None if instance.paused else instance.due)
