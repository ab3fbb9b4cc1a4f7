from django.forms.renderers import TemplatesSetting


class AccessibleFormRenderer(TemplatesSetting):
    """Every form gets an error summary, labels, hints and errors tied to their fields (WCAG 3.3.1-3.3.3)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
