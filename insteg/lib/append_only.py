"""Records that are never changed or removed once written: the audit trail, a situation's history."""

from django.db import models


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("This record is append-only.")

    def delete(self):
        raise AppendOnlyError("This record is append-only.")


class AppendOnlyMixin:
    """For a model: saving an existing row or deleting one raises."""

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError(f"A {self._meta.verbose_name} cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"A {self._meta.verbose_name} cannot be deleted.")
