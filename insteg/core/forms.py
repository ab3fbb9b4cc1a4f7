from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


class AccessibleFormRenderer(TemplatesSetting):
    """Every form gets an error summary, labels, hints and errors tied to their fields (WCAG 3.3.1-3.3.3)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's validation errors on the form's fields, or above the form for other fields."""
    if hasattr(error, "error_dict"):
        for field_name, messages in error.message_dict.items():
            form.add_error(field_name if field_name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
