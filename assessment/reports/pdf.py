"""PDF rendering with WeasyPrint (docs/rules.md#use-of-results).

The print templates (`templates/assessment/report_*.html`) extend `report_base.html`, which sets
A4, the "第 x 页 共 y 页" footer and the CJK font (Debian's fonts-noto-cjk, "Noto Sans CJK SC",
a full font, so rare name characters such as 喆 or 堃 are not lost). The HTML needs no external
resource: styles are inline and charts are inline SVG, so nothing is fetched while rendering,
and the time is WeasyPrint's own (bench/pdf_report.py).
"""

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

# WeasyPrint logs every layout step at INFO; a report is one line of the access log, not ten.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def html_to_pdf(html: str) -> bytes:
    """An A4 PDF of `html` (imported here: WeasyPrint loads Pango, which pages don't need)."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def render_pdf(template: str, context: dict[str, Any], request: HttpRequest | None = None) -> bytes:
    return html_to_pdf(render_to_string(template, context, request=request))


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """A download; a Chinese `filename` goes out as RFC 5987 `filename*=utf-8''…`."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    response["Cache-Control"] = "private, no-store"
    return response
