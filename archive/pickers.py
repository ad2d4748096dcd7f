"""Type-ahead pickers for sender, recipient, person, place and file.

The list form's name boxes are plain text inputs tied to a ``<datalist>``:
the page lists the most frequent public names, so choosing works with no
script at all, and ``archive/static/archive/pickers.js`` (same origin, so
the Content-Security-Policy allows it) refills the list from
``/names/<kind>.json?q=`` as the reader types. A box accepts a record's id
(what links from person and place pages carry) or its exact name.

Only people and places a public document names are ever offered (their
stored count of public documents is above zero) or accepted (the filters'
querysets, archive.visibility); any other name or id is refused exactly
like one that does not exist.
"""

from __future__ import annotations

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, JsonResponse

from .models import Person, Place, Telegram

LIMIT = 20
DATALIST = 50
MAX_QUERY = 100
_TRAILING_ID = re.compile(r"#(\d{1,18})\s*\Z")


class NamedChoiceField(forms.ModelChoiceField):
    """A person or place given by id, by ``Name #id``, or by its exact name."""

    default_error_messages = {
        "invalid_choice": "No public record has that name or number; choose one from the list.",
        "ambiguous": "More than one record is called “%(name)s”; choose one from the list.",
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        found = self._resolve(text)
        # Kept so that the box shows this record's name when the form is drawn again.
        self.__dict__.setdefault("_resolved", {})[text] = found
        return found

    def _resolve(self, text: str):
        match = _TRAILING_ID.search(text)
        if text.isdigit() or match:
            return super().to_python(match.group(1) if match else text)
        if len(text) > MAX_QUERY:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        found = list(self.queryset.filter(name__iexact=text)[:2])
        if not found:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        if len(found) > 1:
            raise ValidationError(
                self.error_messages["ambiguous"], code="ambiguous", params={"name": text}
            )
        return found[0]

    def prepare_value(self, value):
        """Show the record's name in the box, not the number a link carried."""
        if isinstance(value, str):
            value = self.__dict__.get("_resolved", {}).get(value.strip(), value)
        if hasattr(value, "_meta"):
            return value.name
        return super().prepare_value(value)


class NamedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = NamedChoiceField


def picker_widget(kind: str) -> forms.TextInput:
    return forms.TextInput(
        attrs={"list": f"names-{kind}", "autocomplete": "off", "data-names": kind}
    )


def _named(model, query: str, limit: int) -> list[tuple[int, str]]:
    """The ``limit`` most named records matching ``query`` that a public document names.

    Read from the stored counts alone (an index walk, largest first): a
    count above zero means a public document names the record, and the
    counts are kept right on every path that publishes or withdraws (see
    archive.visibility). Adding the documents check here made PostgreSQL
    hash every document first (80 ms at 20,000).
    """
    rows = model.objects.filter(public_documents__gt=0)
    if query:
        rows = rows.filter(name__icontains=query)
    return list(rows.order_by("-public_documents", "name").values_list("pk", "name")[:limit])


def _files(query: str) -> list[tuple[str, int]]:
    files = Telegram.objects.public().exclude(decimal_file="")
    if query:
        files = files.filter(decimal_file__startswith=query)
    return (
        files.values("decimal_file")
        .annotate(n=Count("*"))
        .order_by("-n", "decimal_file")
        .values_list("decimal_file", "n")
    )


def options(kind: str, query: str = "", limit: int = DATALIST) -> list[dict]:
    """The names offered for ``kind`` (people, places, files), most frequent first."""
    query = query.strip()[:MAX_QUERY]
    if kind == "files":
        return [{"value": f, "label": f"{f} ({n})"} for f, n in _files(query)[:limit]]
    rows = _named(Person if kind == "people" else Place, query, limit)
    return [{"id": pk, "value": name, "label": name} for pk, name in rows]


def names(request: HttpRequest, kind: str) -> JsonResponse:
    """``/names/<people|places|files>.json?q=``: up to 20 public names for a picker."""
    if kind not in ("people", "places", "files"):
        raise Http404("No such list.")
    query = request.GET.get("q", "")
    if "\x00" in query:
        return JsonResponse({"error": "The query contains a NUL character."}, status=400)
    # Not cached: a name must disappear as soon as its last public document does.
    return JsonResponse({"results": options(kind, query, LIMIT)})
