"""The cycle form's eligibility rules as controls a coordinator can use: a switch per rule and a box per
value (lists comma-separated), instead of JSON. What they type goes through the core's strict reader, so a
bad value is refused with the rule and value named."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kakehashi.recruitment import RULES, Position, RuleSet, default_rules
from kakehashi.timetable.format import FormatError


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _typed(text: str, like: Any) -> Any:
    """The typed text as the JSON value the rule reads, shaped like its default."""
    text = text.strip()
    if not text and not isinstance(like, list | tuple):
        return like  # a value left empty keeps the rule's default
    if isinstance(like, list | tuple):
        return [
            part.strip().upper() if len(part.strip()) == 2 else part.strip() for part in text.split(",") if part.strip()
        ]
    if isinstance(like, bool):
        return text.lower() in ("1", "true", "yes", "on")
    if isinstance(like, int):
        try:
            return int(text)
        except ValueError:
            return text  # the core's reader refuses it with the rule's path
    return text or None


def add_rule_fields(form: forms.BaseForm, current: RuleSet) -> None:
    """Fields `rule_<id>` (on/off) and `rule_<id>__<value>` for every registered rule, set from `current`."""
    for rule_id, rule in RULES.items():
        setting = current[rule_id]
        form.fields[f"rule_{rule_id}"] = forms.BooleanField(label=rule.summary, required=False, initial=setting.on)
        for name, value in rule.write(setting.params).items():
            form.fields[f"rule_{rule_id}__{name}"] = forms.CharField(
                label=f"{rule_id}: {name}", required=False, initial=_shown(value)
            )


def rule_rows(form: forms.BaseForm) -> list[tuple[Any, list[Any]]]:
    """(switch, [value fields]) per rule, for the template."""
    rows = []
    for rule_id in RULES:
        values = [form[name] for name in form.fields if name.startswith(f"rule_{rule_id}__")]
        rows.append((form[f"rule_{rule_id}"], values))
    return rows


def rules_from(form: forms.BaseForm, position: str, country: str) -> dict[str, Any]:
    """The rule changes as the cycle stores them, checked by the core; a ValidationError names the rule."""
    changes: dict[str, Any] = {}
    for rule_id, rule in RULES.items():
        defaults = rule.write(rule.default)
        entry: dict[str, Any] = {"on": bool(form.cleaned_data.get(f"rule_{rule_id}"))}
        for name, like in defaults.items():
            entry[name] = _typed(form.cleaned_data.get(f"rule_{rule_id}__{name}", "") or "", like)
        changes[rule_id] = entry
    try:
        default_rules(Position(position.upper()), countries=[country.upper()] if country else []).with_changes(changes)
    except FormatError as error:
        raise ValidationError(
            _("Eligibility rules: %(error)s") % {"error": error}
        ) from error
    return changes
