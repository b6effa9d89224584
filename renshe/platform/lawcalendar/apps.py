from django.apps import AppConfig


class LawCalendarConfig(AppConfig):
    name = "renshe.platform.lawcalendar"
    label = "lawcalendar"
    verbose_name = "工作日历与法定期限"

    def ready(self) -> None:
        from django.core.signals import request_started

        from renshe.rules import calendar

        from . import overlay

        # Notices entered here win over the files; the provider reads lazily, per year.
        calendar.set_overlay(overlay.notice_for_year)
        request_started.connect(overlay.refresh_if_changed, dispatch_uid="lawcalendar-refresh")
