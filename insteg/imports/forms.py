from django import forms
from django.utils.translation import gettext_lazy as _

from insteg.imports.parsing import MAX_FILE_BYTES, MAX_ROWS

FILE_HELP = _(
    "A CSV file (semicolons or commas; UTF-8 or as Excel saves it) or an Excel workbook (.xlsx), at most "
    "%(megabytes)d MB and %(rows)d rows, with the column names of the template in the first row."
)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
        error_messages={"required": _("Choose a file to upload."), "empty": _("The file is empty.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = FILE_HELP % {"megabytes": MAX_FILE_BYTES // (1024 * 1024), "rows": MAX_ROWS}


class ParticipantUploadForm(UploadForm):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        help_text=_("The municipality whose matching officers will work with the people in the file."),
    )
    field_order = ["municipality", "file"]

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["municipality"].empty_label = _("Choose a municipality")
        if len(municipalities) == 1:
            self.fields["municipality"].initial = municipalities[0]
            self.fields["municipality"].widget = forms.HiddenInput()


class PositionUploadForm(UploadForm):
    contract = forms.ModelChoiceField(
        label=_("Contract"), queryset=None, help_text=_("The contract the positions are offered under.")
    )
    field_order = ["contract", "file"]

    def __init__(self, *args, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts
        self.fields["contract"].empty_label = _("Choose a contract")
