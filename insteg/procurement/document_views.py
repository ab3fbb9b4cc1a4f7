"""The requirement document of a procurement: a page to read it, and DOCX and PDF downloads of the same text.

`?bilaga=0` leaves out the appendix with the proportionality assessment, for the copy that goes to suppliers.
Nothing here is personal data, so reading or downloading is not audited.
"""

import unicodedata
from urllib.parse import quote

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from insteg.procurement import access, documents

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document(request, pk: int):
    procurement = access.get_procurement_for_user(request.user, pk)
    appendix = _with_appendix(request)
    requirement_document = documents.requirements_document(procurement, appendix=appendix)
    context = {
        "procurement": procurement,
        "document": requirement_document,
        "document_html": documents.render_html(requirement_document, heading_offset=2),
        "appendix": appendix,
        "downloads": _downloads(procurement.pk),
        "summary_sv": documents.public_summary(procurement, "sv"),
        "summary_en": documents.public_summary(procurement, "en"),
    }
    return render(request, "procurement/document.html", context)


def document_docx(request, pk: int):
    procurement = access.get_procurement_for_user(request.user, pk)
    appendix = _with_appendix(request)
    content = documents.render_docx(procurement, appendix=appendix)
    return _attachment(content, DOCX_CONTENT_TYPE, documents.download_filename(procurement, "docx", appendix=appendix))


def document_pdf(request, pk: int):
    procurement = access.get_procurement_for_user(request.user, pk)
    appendix = _with_appendix(request)
    content = documents.render_pdf(procurement, appendix=appendix)
    return _attachment(content, "application/pdf", documents.download_filename(procurement, "pdf", appendix=appendix))


def _with_appendix(request) -> bool:
    return request.GET.get("bilaga") != "0"


def _downloads(pk: int) -> dict[str, str]:
    docx_url = reverse("procurement:document_docx", args=[pk])
    pdf_url = reverse("procurement:document_pdf", args=[pk])
    return {
        "docx": docx_url,
        "pdf": pdf_url,
        "docx_without_appendix": f"{docx_url}?bilaga=0",
        "pdf_without_appendix": f"{pdf_url}?bilaga=0",
    }


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """A download with a plain-ASCII name for old clients and the exact UTF-8 name (RFC 6266) for the rest."""
    response = HttpResponse(content, content_type=content_type)
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode() or "sociala-krav"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
