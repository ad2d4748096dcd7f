"""Form widgets rendered without a template where the template is one line.

The editor's change page draws about 400 widgets (eleven per mention row);
through Django's template engine each plain ``<input>`` cost about half a
millisecond, most of the page's time. The simple widgets (text, number,
hidden, checkbox, textarea, select) are written here directly, byte for byte what
Django's templates give (tests/test_admin_editor_page.py compares them);
everything else goes through the templates as before.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

WIDGETS = "django/forms/widgets/"
INPUTS = frozenset(
    WIDGETS + name + ".html"
    for name in (
        "input",
        "text",
        "number",
        "hidden",
        "checkbox",
        "email",
        "url",
        "password",
        "date",
        "time",
        "datetime",
    )
)
TEXTAREA = WIDGETS + "textarea.html"
SELECT = WIDGETS + "select.html"
OPTION = WIDGETS + "select_option.html"


def _attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def render_input(widget: dict) -> SafeString:
    value = widget.get("value")
    shown = f' value="{conditional_escape(str(value))}"' if value is not None else ""
    return mark_safe(
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def render_textarea(widget: dict) -> SafeString:
    value = widget.get("value")
    text = conditional_escape(value) if value else ""
    return mark_safe(
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{text}</textarea>"
    )


def render_select(widget: dict) -> SafeString | None:
    """A select without option groups; None when it has groups (left to the template)."""
    options = []
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            return None
        for option in group_choices:
            if option.get("template_name") != OPTION:
                return None
            options.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )
    return mark_safe(
        f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>'
        + "".join(options)
        + "\n</select>"
    )


class ArchiveRenderer(DjangoTemplates):
    """Django's renderer, with the one-line widget templates written out directly."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and not widget.get("subwidgets"):
            if template_name in INPUTS and widget.get("template_name") == template_name:
                return render_input(widget)
            if template_name == TEXTAREA and widget.get("template_name") == template_name:
                return render_textarea(widget)
            if template_name == SELECT and widget.get("template_name") == template_name:
                rendered = render_select(widget)
                if rendered is not None:
                    return rendered
        return super().render(template_name, context, request)
