"""The public reading room: read-only, public records only."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from .models import Telegram


@method_decorator(require_safe, name="dispatch")
class TelegramListView(ListView):
    """Public documents by date, 25 a page; undated documents come last."""

    template_name = "archive/telegram_list.html"
    context_object_name = "telegrams"
    paginate_by = 25

    def get_queryset(self):
        return (
            Telegram.objects.public()
            .select_related("sender", "recipient", "origin")
            .only(
                "identifier",
                "file_number",
                "kind",
                "heading",
                "date_text",
                "date_earliest",
                "body",
                "sender__name",
                "recipient__name",
                "origin__name",
            )
        )


@method_decorator(require_safe, name="dispatch")
class TelegramDetailView(DetailView):
    """One public document as printed, with its footnotes."""

    template_name = "archive/telegram_detail.html"
    context_object_name = "telegram"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Telegram.objects.public().select_related("sender", "recipient", "origin"),
            identifier=self.kwargs["identifier"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["paragraphs"] = self.object.body.split("\n\n")
        context["footnotes"] = list(self.object.footnotes.all())
        return context
