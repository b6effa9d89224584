from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "renshe.appeals"
    label = "appeals"
    verbose_name = "诉求、信访与依申请公开"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the clock-day copy)
