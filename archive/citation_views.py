"""Citation downloads: one document (/telegrams/<id>.bib, .ris, .csl.json) or a filtered list.

Both start from public documents only (a private document's addresses
answer 404 in every format, and a list never holds one). A list is
streamed, a chunk of rows at a time, like the CSV download
(archive.downloads), so a hundred thousand entries never sit in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from . import citation
from .models import Telegram

CHUNK = 500
FIELDS = (
    "identifier",
    "heading",
    "date_text",
    "date_earliest",
    "date_latest",
    "file_number",
    "body",
    "frus_volume",
    "frus_document",
    "sender__name",
    "sender__surname",
    "sender__forenames",
)
# The suffix of a document's address for each format.
SUFFIXES = {suffix: fmt for fmt, (suffix, _) in citation.FORMATS.items()}


def _response(content, fmt: str, filename: str, streaming: bool = False) -> HttpResponse:
    suffix, content_type = citation.FORMATS[fmt]
    response = (StreamingHttpResponse if streaming else HttpResponse)(
        content, content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{suffix}"'
    return response


@method_decorator([csrf_exempt, require_safe], name="dispatch")
class TelegramCitationView(View):
    """One public document in BibTeX, RIS or CSL-JSON."""

    def get(self, request: HttpRequest, identifier: str, suffix: str) -> HttpResponse:
        telegram = get_object_or_404(
            Telegram.objects.public().select_related("sender").only(*FIELDS),
            identifier=identifier,
        )
        fmt = SUFFIXES[suffix]
        url = request.build_absolute_uri(telegram.get_absolute_url())
        return _response(citation.render(telegram, url, fmt), fmt, telegram.identifier)


def telegrams(queryset, fmt: str, request: HttpRequest) -> StreamingHttpResponse:
    """The documents of a filtered list in ``fmt``, streamed."""
    base = request.build_absolute_uri("/")[:-1]
    documents = queryset.select_related(None).select_related("sender").only(*FIELDS)

    def each() -> Iterator[tuple[Telegram, str]]:
        for telegram in documents.iterator(chunk_size=CHUNK):
            yield telegram, base + telegram.get_absolute_url()

    def body() -> Iterator[str]:
        if fmt == "csljson":
            yield "[\n"
            first = True
            for telegram, url in each():
                item = json.dumps(citation.csl_item(telegram, url), ensure_ascii=False)
                yield ("" if first else ",\n") + item
                first = False
            yield "\n]\n"
            return
        for telegram, url in each():
            yield citation.render(telegram, url, fmt) + "\n"

    return _response(body(), fmt, "telegrams", streaming=True)
