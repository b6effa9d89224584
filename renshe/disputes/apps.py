from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "renshe.disputes"
    label = "disputes"
    verbose_name = "智慧调解仲裁"
