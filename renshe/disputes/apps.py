from django.apps import AppConfig
from django.db.models.signals import post_delete, post_init, post_save


class DisputesConfig(AppConfig):
    name = "renshe.disputes"
    label = "disputes"
    verbose_name = "智慧调解仲裁"

    def ready(self) -> None:
        """The dashboard's rollup follows every saved case and award clock (:mod:`.rollup`)."""
        from renshe.platform.lawcalendar.models import TrackedDeadline

        from . import rollup
        from .models import Case

        post_init.connect(rollup.remember_key, sender=Case, dispatch_uid="disputes_rollup_init")
        post_save.connect(rollup.case_saved, sender=Case, dispatch_uid="disputes_rollup_case")
        post_delete.connect(rollup.case_deleted, sender=Case, dispatch_uid="disputes_rollup_case_del")
        post_save.connect(rollup.clock_saved, sender=TrackedDeadline, dispatch_uid="disputes_rollup_clock")
