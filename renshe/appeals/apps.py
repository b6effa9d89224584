from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "renshe.appeals"
    label = "appeals"
    verbose_name = "诉求、信访与依申请公开"
