from django.urls import path

from insteg.accounts import api

urlpatterns = [
    path("tokens", api.token_list, name="tokens"),
    path("tokens/<str:digest>", api.token_detail, name="token"),
]
