"""The production entry point moves what a worker has loaded out of the garbage collector's reach once it has
served its first requests, so that full collections stay short (benchmarks/README.md, "Pages")."""

import gc
import itertools

import pytest
from django.core.signals import request_finished
from django.urls import reverse

import insteg.wsgi


@pytest.fixture
def fresh_worker(monkeypatch):
    gc.unfreeze()
    monkeypatch.setattr(insteg.wsgi, "_served", itertools.count(1))
    request_finished.connect(insteg.wsgi._freeze_what_is_loaded)
    yield
    request_finished.disconnect(insteg.wsgi._freeze_what_is_loaded)  # a no-op when it already disconnected itself
    gc.unfreeze()


@pytest.mark.django_db
def test_a_worker_freezes_what_it_loaded_after_its_warm_up_requests(client, fresh_worker):
    for _ in range(insteg.wsgi.WARM_UP_REQUESTS - 1):
        client.get(reverse("notices:list"))
    assert gc.get_freeze_count() == 0
    client.get(reverse("notices:list"))
    assert gc.get_freeze_count() > 10_000  # Django, the apps, the templates: tens of thousands of objects
    frozen = gc.get_freeze_count()
    for _ in range(insteg.wsgi.WARM_UP_REQUESTS):
        client.get(reverse("notices:list"))
    assert gc.get_freeze_count() <= frozen  # once per worker (frozen objects may still be freed), not again
