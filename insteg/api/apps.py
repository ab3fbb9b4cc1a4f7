from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "insteg.api"
    label = "api"
    verbose_name = "API"
