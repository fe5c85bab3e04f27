"""One section of a care model or an operations plan as a form, drawn from `lab.careform`'s specs: each field
an input, a choice or a yes/no by its type, sub-models as groups, lists of sub-models as
rows to add and remove, mappings (a channel's hours, its SLA) by key. The form only
draws and reports: the screen turns every edit into new data through `lab.careform`
and shows `lab.designer`'s messages under the fields (`error_slots`)."""

from __future__ import annotations

import re
from typing import Any

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TabbedContent, TabPane

from simlab.i18n import _
from simlab.lab import careform
from simlab.lab.careform import SCALARS, Path_, Spec, field_label, get, to_text

COMPACT_FIELDS = 4  # a sub-model of this many scalars or fewer is one row of inputs


def widget_id(prefix: str, path: Path_) -> str:
    return prefix + "-" + "-".join(re.sub(r"[^A-Za-z0-9_]", "_", str(p)) for p in path)


class Edited(Message):
    """A field changed: its path, its spec and the text (or choice) it now holds."""

    def __init__(self, path: Path_, spec: Spec, value: Any) -> None:
        super().__init__()
        self.path, self.spec, self.value = path, spec, value


class Structure(Message):
    """A row or key to add or remove: `action` is add_row, remove, add_key, add_model."""

    def __init__(self, action: str, path: Path_, spec: Spec, key: str = "") -> None:
        super().__init__()
        self.action, self.path, self.spec, self.key = action, path, spec, key


class FieldInput(Input):
    def __init__(self, path: Path_, spec: Spec, value: str, **kwargs) -> None:
        super().__init__(value=value, id=widget_id("f", path), **kwargs)
        self.path, self.spec = path, spec


class FieldSelect(Select):
    def __init__(self, path: Path_, spec: Spec, value: Any, allow_blank: bool) -> None:
        options = [(c, c) for c in spec.choices]
        initial = value if value in spec.choices else Select.NULL
        super().__init__(options, value=initial, allow_blank=allow_blank,
                         prompt=_("(none)"), id=widget_id("f", path), compact=True)
        self.path, self.spec = path, spec


class FieldCheck(Checkbox):
    def __init__(self, path: Path_, spec: Spec, value: bool, label: str) -> None:
        super().__init__(label, value=bool(value), id=widget_id("f", path), compact=True)
        self.path, self.spec = path, spec


class StructureButton(Button):
    def __init__(self, label: str, action: str, path: Path_, spec: Spec, **kwargs) -> None:
        super().__init__(label, compact=True, classes="form-button", **kwargs)
        self.change, self.path, self.spec = action, path, spec  # not `action`: Button's own


class SectionForm(VerticalScroll):
    """The fields `fields` over `data`: (key, spec) of the model's top level, or (path,
    spec, label) for a part further down (a team's shifts). `choices` holds the values a
    field may take by its key, and the keys a mapping may take as «keys:<its key>»."""

    def __init__(self, fields: list[tuple], data: dict, choices: dict[str, list[str]],
                 **kwargs) -> None:
        super().__init__(classes="care-form", **kwargs)
        self.fields, self.data, self.choices = fields, data, choices
        self.error_slots: dict[Path_, Static] = {}

    def compose(self) -> ComposeResult:
        for entry in self.fields:
            if len(entry) == 3:
                path, spec, label = entry
                yield from self.editor(tuple(path), spec, label)
            else:
                key, spec = entry
                yield from self.editor((key,), spec, field_label(key))

    # -- one editor per kind --------------------------------------------------------------

    def editor(self, path: Path_, spec: Spec, label: str) -> ComposeResult:
        value = get(self.data, path)
        if spec.kind in SCALARS or spec.kind in ("words", "yaml"):
            yield Label(label + self._hint(path, spec), classes="field-label")
            yield self.scalar(path, spec, value, label)
            yield self.slot(path)
        elif spec.kind == "i18n":
            yield Label(label, classes="field-label")
            with Horizontal(classes="form-row"):
                yield FieldInput(path + ("it",), Spec("text"), to_text(Spec("text"),
                                 get(self.data, path + ("it",))), placeholder=_("Italian"),
                                 compact=True)
                yield FieldInput(path + ("en",), Spec("text", optional=True),
                                 to_text(Spec("text"), get(self.data, path + ("en",))),
                                 placeholder=_("English"), compact=True)
            yield self.slot(path, path + ("it",), path + ("en",))
        elif spec.kind == "model":
            yield from self.model(path, spec, label, value)
        elif spec.kind == "rows":
            yield from self.rows(path, spec, label, value)
        elif spec.kind == "mapping":
            yield from self.mapping(path, spec, label, value)

    def _hint(self, path: Path_, spec: Spec) -> str:
        known = self.choices.get(str(path[-1])) if path else None
        if spec.kind == "words" and known:
            return "  " + _("(comma-separated: {values})").format(values=", ".join(known))
        if spec.kind == "words":
            return "  " + _("(comma-separated)")
        return ""

    def scalar(self, path: Path_, spec: Spec, value: Any, label: str) -> Widget:
        if spec.kind == "choice":
            return FieldSelect(path, spec, value, allow_blank=True)
        if spec.kind == "bool":
            return FieldCheck(path, spec, value, label)
        placeholder = _("(empty)") if spec.optional or not spec.required else ""
        if spec.kind == "text" and path and self.choices.get(str(path[-1])):
            placeholder = ", ".join(self.choices[str(path[-1])])
        return FieldInput(path, spec, to_text(spec, value), placeholder=placeholder,
                          compact=True)

    def slot(self, *paths: Path_) -> Static:
        slot = Static("", classes="error field-error")
        slot.display = False
        for p in paths:
            self.error_slots[p] = slot
        return slot

    def model(self, path: Path_, spec: Spec, label: str, value: Any) -> ComposeResult:
        if value is None and spec.optional:
            yield Label(label, classes="field-label")
            yield StructureButton(_("Add «{what}»").format(what=label), "add_model", path,
                                  spec, id=widget_id("add", path))
            yield self.slot(path)
            return
        with Vertical(classes="form-group"):
            with Horizontal(classes="form-head"):
                yield Label(label, classes="group-title")
                if spec.optional:
                    yield StructureButton(_("Remove"), "remove", path, spec,
                                          id=widget_id("del", path))
            yield self.slot(path)
            for key, sub in spec.fields:
                yield from self.editor(path + (key,), sub, field_label(key))

    def rows(self, path: Path_, spec: Spec, label: str, value: Any) -> ComposeResult:
        assert spec.item is not None
        items = value if isinstance(value, list) else []
        with Vertical(classes="form-group"):
            yield Label(label, classes="group-title")
            yield self.slot(path)
            for i, _item in enumerate(items):
                yield from self.row(path + (i,), spec.item, f"{label} {i + 1}")
            yield StructureButton(_("Add a row"), "add_row", path + (len(items),), spec.item,
                                  id=widget_id("add", path))

    def row(self, path: Path_, spec: Spec, label: str) -> ComposeResult:
        compact = spec.kind == "model" and len(spec.fields) <= COMPACT_FIELDS and all(
            s.kind in SCALARS for _k, s in spec.fields)
        if compact:
            with Horizontal(classes="form-row"):
                for key, sub in spec.fields:
                    widget = self.scalar(path + (key,), sub, get(self.data, path + (key,)),
                                         field_label(key))
                    if isinstance(widget, Input):
                        widget.placeholder = field_label(key)
                        widget.tooltip = field_label(key)
                    yield widget
                yield StructureButton("✕", "remove", path, spec, id=widget_id("del", path),
                                      tooltip=_("Remove this row"))
            yield self.slot(path, *(path + (k,) for k, _s in spec.fields))
            return
        with Vertical(classes="form-item"):
            with Horizontal(classes="form-head"):
                yield Label(label, classes="item-title")
                yield StructureButton(_("Remove"), "remove", path, spec,
                                      id=widget_id("del", path))
            yield self.slot(path)
            if spec.kind == "model":
                for key, sub in spec.fields:
                    yield from self.editor(path + (key,), sub, field_label(key))
            else:
                yield from self.editor(path, spec, label)

    def mapping(self, path: Path_, spec: Spec, label: str, value: Any) -> ComposeResult:
        assert spec.item is not None
        entries = value if isinstance(value, dict) else {}
        with Vertical(classes="form-group"):
            yield Label(label, classes="group-title")
            yield self.slot(path)
            for key in entries:
                with Horizontal(classes="form-head"):
                    yield Label(str(key), classes="item-title")
                    yield StructureButton(_("Remove"), "remove", path + (key,), spec.item,
                                          id=widget_id("del", path + (key,)))
                if spec.item.kind in SCALARS:
                    yield self.scalar(path + (key,), spec.item, entries[key], str(key))
                    yield self.slot(path + (key,))
                elif spec.item.kind == "model":
                    yield self.slot(path + (key,))
                    for sub_key, sub in spec.item.fields:
                        yield from self.editor(path + (key, sub_key), sub, field_label(sub_key))
                else:
                    yield from self.editor(path + (key,), spec.item, str(key))
            known = self.choices.get(f"keys:{path[-1]}", self.choices.get("channel", []))
            free = [k for k in known if k not in entries]
            with Horizontal(classes="form-row"):
                yield Input(placeholder=", ".join(free) if free else _("key"),
                            id=widget_id("key", path), compact=True, classes="new-key")
                yield StructureButton(_("Add"), "add_key", path, spec.item,
                                      id=widget_id("addkey", path))

    # -- what the user did ----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, FieldInput):
            event.stop()
            self.post_message(Edited(event.input.path, event.input.spec, event.value))

    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.select, FieldSelect):
            event.stop()
            value = None if event.value is Select.NULL else event.value
            self.post_message(Edited(event.select.path, event.select.spec, value))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if isinstance(event.checkbox, FieldCheck):
            event.stop()
            self.post_message(Edited(event.checkbox.path, event.checkbox.spec, event.value))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button
        if not isinstance(button, StructureButton):
            return
        event.stop()
        key = ""
        if button.change == "add_key":
            key = self.query_one("#" + widget_id("key", button.path), Input).value.strip()
        self.post_message(Structure(button.change, button.path, button.spec, key))

    def show_errors(self, errors: dict[Path_, list[str]]) -> None:
        """`errors`: messages by the editor path they belong to."""
        by_slot: dict[int, tuple[Static, list[str]]] = {}
        for path, slot in self.error_slots.items():
            entry = by_slot.setdefault(id(slot), (slot, []))
            entry[1].extend(m for m in errors.get(path, []) if m not in entry[1])
        for slot, messages in by_slot.values():
            slot.update(escape("\n".join("⚠ " + m for m in messages)))
            slot.display = bool(messages)


class FormEditing:
    """What a screen built of SectionForms does with their messages (the designer and the
    plan editor): an edited value or a structural change becomes a new document through
    `change`, then the forms are rebuilt. The screen provides `data`, `change(data, path)`,
    `rebuild()` and `notify`; `key_hint` is the example of a mapping's key it asks for."""

    data: dict
    new_key_value: object = None  # the value of a new mapping key when its spec has none

    def key_hint(self) -> str:
        raise NotImplementedError

    def on_edited(self, message: Edited) -> None:
        current = careform.get(self.data, message.path)
        value = careform.from_text(message.spec, message.value) \
            if isinstance(message.value, str) else message.value
        if value == current or (value is None and current is None):
            return
        self.change(careform.with_value(self.data, message.path, value), message.path)

    async def on_structure(self, message: Structure) -> None:
        data = self.data
        if message.action in ("add_row", "add_model"):
            data = careform.with_value(data, message.path, careform.empty_value(message.spec))
        elif message.action == "remove":
            data = careform.without(data, message.path)
        elif message.action == "add_key":
            if not message.key:
                self.notify(self.key_hint(), severity="warning")
                return
            if careform.get(data, message.path + (message.key,)) is not None:
                self.notify(_("«{key}» is already there.").format(key=message.key),
                            severity="warning")
                return
            value = careform.empty_value(message.spec)
            if not value and self.new_key_value is not None:
                value = self.new_key_value
            data = careform.with_value(data, message.path + (message.key,), value)
        self.change(data, None)
        await self.rebuild()


async def replace_tabs(tabs: TabbedContent, panes: list[TabPane]) -> TabbedContent:
    """A new TabbedContent with `panes` in place of `tabs`, on the tab that was active.
    Built whole rather than by `clear_panes` and `add_pane`: a pane added to a mounted
    TabbedContent places the tab's underline from the tab's size before its layout, so on
    a busy machine the underline stayed a dot at the left."""
    active = tabs.active
    ids = [p.id for p in panes]
    parent = tabs.parent
    assert parent is not None
    index = list(parent.children).index(tabs)
    new = TabbedContent(id=tabs.id, initial=active if active in ids else "")
    for pane in panes:
        new.compose_add_child(pane)  # as `with TabbedContent(): yield pane` would
    await tabs.remove()
    await parent.mount(new, before=index)
    return new
