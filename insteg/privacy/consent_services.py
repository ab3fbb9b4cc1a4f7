"""Publishing a new version of a consent text. Versions are append-only: a registration keeps pointing at the
wording it was given under (GDPR art. 7.1), so a new wording is a new row with the next version number."""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from insteg.lib.errors import DomainError
from insteg.privacy import audit
from insteg.privacy.models import ConsentPurpose, ConsentText

MAX_TEXT_LENGTH = 2000
# Line breaks and tabs are part of a wording; other control characters are not.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean_text(value, *, field: str) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError({field: _("Use at most %(limit)d characters.") % {"limit": MAX_TEXT_LENGTH}})
    if CONTROL_CHARACTERS.search(text):
        raise ValidationError({field: _("Remove the control characters.")})
    return text


def _clean_texts(*, text_sv, text_en) -> tuple[str, str]:
    """Both languages checked at once, so the administrator sees every problem in one answer."""
    cleaned, errors = {}, {}
    for field, value in (("text_sv", text_sv), ("text_en", text_en)):
        try:
            cleaned[field] = _clean_text(value, field=field)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return cleaned["text_sv"], cleaned["text_en"]


def publish_consent_text(purpose: str, *, user, text_sv: str, text_en: str) -> ConsentText:
    """Publish the next version of `purpose`'s consent text; it applies to consent given from now on."""
    if not (user.is_authenticated and user.is_administrator):
        raise DomainError(_("Only administrators can publish consent texts."))
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": _("Choose one of the consent purposes.")})
    text_sv, text_en = _clean_texts(text_sv=text_sv, text_en=text_en)
    try:
        with transaction.atomic():
            return _publish_locked(purpose, user=user, text_sv=text_sv, text_en=text_en)
    except IntegrityError:
        # Two administrators published at once; the unique (purpose, version) kept the versions apart.
        raise DomainError(
            _("Someone else published a version at the same moment. Reload the page and check.")
        ) from None


def _publish_locked(purpose: str, *, user, text_sv: str, text_en: str) -> ConsentText:
    latest = ConsentText.objects.select_for_update().filter(purpose=purpose).order_by("-version").first()
    if latest is not None and latest.text_sv == text_sv and latest.text_en == text_en:
        raise ValidationError(_("The text is the same as the current version. Change it before publishing."))
    version = latest.version + 1 if latest else 1
    text = ConsentText.objects.create(
        purpose=purpose, version=version, text_sv=text_sv, text_en=text_en, published_by=user
    )
    audit.record("privacy.consent_text_published", actor=user, target=text, purpose=purpose, version=version)
    return text
