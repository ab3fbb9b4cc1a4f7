import gc
import itertools
import os

from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "insteg.settings")
application = get_wsgi_application()

# What a worker has loaded by its first requests (Django, our apps, compiled templates, the translation catalogues)
# lives as long as the process. Moving it out of the garbage collector's reach keeps full collections short:
# without this, one request in about fifteen pays 100+ ms for walking it (benchmarks/README.md, "Pages").
WARM_UP_REQUESTS = 20
_served = itertools.count(1)


def _freeze_what_is_loaded(**_kwargs) -> None:
    if next(_served) == WARM_UP_REQUESTS:
        request_finished.disconnect(_freeze_what_is_loaded)
        gc.collect()
        gc.freeze()


request_finished.connect(_freeze_what_is_loaded)
