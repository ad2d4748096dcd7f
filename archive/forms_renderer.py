"""Form widgets rendered without a template where the template is one line.

The editor's change page draws about 400 widgets (eleven per mention row);
through Django's template engine each plain ``<input>`` cost about half a
millisecond, most of the page's time. The simple widgets (text, number,
hidden, checkbox, textarea, select) are written here directly, byte for byte what
Django's templates give (tests/test_admin_editor_page.py compares them);
everything else goes through the templates as before.
"""

from __future__ import annotations

import html
from functools import cache

from django.forms.renderers import DjangoTemplates
from django.templatetags.static import static
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe


def _escape(value) -> str:
    """Django's ``conditional_escape`` without its lazy-string wrapper (the hot path here).

    The same output: an object with ``__html__`` is trusted as it is, any
    other value is escaped by ``html.escape``, which Django's ``escape``
    uses too.
    """
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


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
WRAPPER = "admin/widgets/related_widget_wrapper.html"
LABEL = "django/forms/label.html"
# The wrapper's links, as its template writes them (inside {% spaceless %}).
WRAPPER_LINKS = (
    (
        "can_change_related",
        '<a class="related-widget-wrapper-link change-related" id="change_id_{name}"\n'
        '            data-href-template="{change}?{params}"\n'
        '            data-popup="yes"\n'
        '            title="Change selected {model}"><img src="{icon_change}" alt="" '
        'width="24" height="24"></a>',
    ),
    (
        "can_add_related",
        '<a class="related-widget-wrapper-link add-related" id="add_id_{name}"\n'
        '            data-popup="yes"\n'
        '            href="{add}?{params}"\n'
        '            title="Add another {model}"><img src="{icon_add}" alt="" width="24" '
        'height="24"></a>',
    ),
    (
        "can_delete_related",
        '<a class="related-widget-wrapper-link delete-related" id="delete_id_{name}"\n'
        '            data-href-template="{delete}?{params}"\n'
        '            data-popup="yes"\n'
        '            title="Delete selected {model}"><img src="{icon_delete}" alt="" '
        'width="24" height="24"></a>',
    ),
    (
        "can_view_related",
        '<a class="related-widget-wrapper-link view-related" id="view_id_{name}"\n'
        '             data-href-template="{change}?{view_params}"\n'
        '             title="View selected {model}"><img src="{icon_view}" alt="" '
        'width="24" height="24"></a>',
    ),
)


def _attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_escape(name)}")
        else:
            parts.append(f' {_escape(name)}="{_escape(str(value))}"')
    return "".join(parts)


def render_input(widget: dict) -> SafeString:
    value = widget.get("value")
    shown = f' value="{_escape(str(value))}"' if value is not None else ""
    return mark_safe(
        f'<input type="{_escape(widget["type"])}" '
        f'name="{_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def render_textarea(widget: dict) -> SafeString:
    value = widget.get("value")
    text = _escape(value) if value else ""
    return mark_safe(
        f'<textarea name="{_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'
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
                f'\n  <option value="{_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{_escape(option['label'])}</option>\n"
            )
    return mark_safe(
        f'<select name="{_escape(widget["name"])}"{_attrs(widget["attrs"])}>'
        + "".join(options)
        + "\n</select>"
    )


@cache
def _icons() -> dict[str, str]:
    return {
        f"icon_{name}": static(f"admin/img/icon-{name}link.svg")
        for name in ("change", "add", "delete", "view")
    }


def render_wrapper(context: dict) -> SafeString | None:
    """The admin's related-widget wrapper (its links), in English; None otherwise.

    It was the costliest widget of the change page: a template of its own
    around every linked person and place, on every row (profiled: a sixth of
    the page at 100,000 documents).
    """
    if translation.get_language() not in (None, "en", "en-us"):
        return None
    values = {
        "name": _escape(context["name"]),
        "model": _escape(context["model"]),
        "params": _escape(context["url_params"]),
        "view_params": _escape(context.get("view_related_url_params", "")),
        "change": _escape(context.get("change_related_template_url", "")),
        "add": _escape(context.get("add_related_url", "")),
        "delete": _escape(context.get("delete_related_template_url", "")),
        **{k: _escape(v) for k, v in _icons().items()},
    }
    links = ""
    if not context["is_hidden"]:
        links = "".join(
            template.format(**values) for flag, template in WRAPPER_LINKS if context.get(flag)
        )
    ref = (
        ""
        if context["model_has_limit_choices_to"]
        else f'data-model-ref="{_escape(context["model_name"])}"'
    )
    return mark_safe(
        f'<div class="related-widget-wrapper" {ref}>\n'
        f"    {_escape(context['rendered_widget'])}\n"
        f"    \n        {links}\n    \n</div>"
    )


def render_label(context: dict) -> SafeString:
    """A field's label: a template of its own for every field of every form on a page."""
    label = _escape(context["label"])
    if not context["use_tag"]:
        return mark_safe(label)
    tag = _escape(context["tag"])
    return mark_safe(f"<{tag}{_attrs(context['attrs'])}>{label}</{tag}>")


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
        if template_name == LABEL and isinstance(context, dict) and "use_tag" in context:
            return render_label(context)
        if template_name == WRAPPER and isinstance(context, dict) and "rendered_widget" in context:
            rendered = render_wrapper(context)
            if rendered is not None:
                return rendered
        return super().render(template_name, context, request)
