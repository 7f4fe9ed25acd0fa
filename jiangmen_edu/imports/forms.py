from django import forms
from django.utils.translation import gettext_lazy as _

from jiangmen_edu.imports.workbook import MAX_UPLOAD_BYTES
from jiangmen_edu.models import ReportingYear


class UploadForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    file = forms.FileField(label=_("Excel file (.xlsx or .xls)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            (year, year) for year in ReportingYear.objects.values_list("year", flat=True)
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": MAX_UPLOAD_BYTES // 2**20}
            )
        return upload
