"""Validating a parsed YAML document against a schema model, with every error located.

Shared by the plan and layout loaders: pydantic reports where in the data an error is; the document
knows where in the file that data came from.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, RootModel, ValidationError

from pdfgen.errors import InputError, Problem
from pdfgen.io.yamldoc import Document, Path_, dotted

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], doc: Document, value: Any = None) -> M:
    """`doc.value` (or `value`) as a `model`, or an InputError listing every problem."""
    data = doc.value if value is None else value
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        # Unknown keys are found by walking the model, which knows what was allowed there.
        problems = check_unknown_keys(doc, data, model)
        errors = [error for error in exc.errors() if error["type"] != "extra_forbidden"]
        problems += [_problem(doc, data, error) for error in _telling(errors, data)]
        raise InputError(sorted(dict.fromkeys(problems), key=_position)) from None


# Errors that only say a union member wanted another shape of value ("a mapping"): beside an
# error about the value itself, they contradict it (`add: 65% TM` is not a load step, and not
# a mapping either).
_SHAPE_ERRORS = {
    "dict_type", "list_type", "model_type", "model_attributes_type", "string_type", "int_type",
    "float_type", "bool_type", "int_parsing", "float_parsing",
}  # fmt: skip


def _telling(errors: list[Any], data: Any) -> list[Any]:
    """The errors worth saying: at a place where some error is about the value itself, the
    ones that only name another shape of value are left out."""
    about_value = {_data_path(data, e["loc"])[0] for e in errors if e["type"] not in _SHAPE_ERRORS}
    return [
        e
        for e in errors
        if e["type"] not in _SHAPE_ERRORS or _data_path(data, e["loc"])[0] not in about_value
    ]


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `word`, if any is close.

    >>> closest("sessons", ["program", "sessions", "weeks"])
    'sessions'
    """
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def suggestion(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' or nothing."""
    match = closest(word, candidates)
    return f" (did you mean '{match}'?)" if match else ""


def _position(problem: Problem) -> tuple[int, int, str]:
    return (problem.line or 0, problem.column or 0, problem.message)


def _data_path(data: Any, loc: tuple[str | int, ...]) -> tuple[Path_, bool]:
    """The path into the data that `loc` names, dropping pydantic's own steps (union members,
    validator names). The flag tells whether the error is about a mapping key."""
    path: list[str | int] = []
    current = data
    is_key = False
    for step in loc:
        if isinstance(step, str) and step.startswith("~"):
            continue  # a tagged union's member, not a key of the data
        if step == "[key]":
            is_key = True
            break
        if _has_step(current, step):
            path.append(step)
            current = current[step]
        elif isinstance(current, dict) and step == loc[-1]:
            path.append(step)  # a key that is missing or unknown
            current = None
    return tuple(path), is_key


def _has_step(current: Any, step: str | int) -> bool:
    if isinstance(current, dict):
        return step in current
    return isinstance(current, list) and isinstance(step, int) and step < len(current)


def _problem(doc: Document, data: Any, error: Any) -> Problem:
    loc = tuple(error["loc"])
    path, is_key = _data_path(data, loc)
    kind = error["type"]
    ctx = error.get("ctx") or {}
    field = dotted(path)
    if kind == "missing":
        file, line, column = doc.locate(path[:-1])
        return Problem(
            file, f"the required key '{path[-1]}' is missing.", line, column, dotted(path[:-1])
        )
    file, line, column = doc.locate(path, prefer_key=is_key)
    return Problem(file, _message(kind, error, ctx), line, column, field)


def _message(kind: str, error: Any, ctx: dict[str, Any]) -> str:
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "must be a mapping of keys and values (key: value lines)."
    if kind == "list_type":
        return "must be a list (lines starting with '- ')."
    if kind == "too_long":
        return f"has {ctx.get('actual_length')} items; the most is {ctx.get('max_length')}."
    if kind == "too_short":
        least = ctx.get("min_length")
        return f"needs at least {least} item{'s' if least != 1 else ''}."
    if kind == "string_pattern_mismatch":
        return "must be an id of lower-case letters, digits and hyphens (like 'pull-up')."
    if kind in ("string_type", "str_type"):
        return "write text here."
    message = str(error["msg"])
    return message[0].lower() + message[1:] + ("" if message.endswith(".") else ".")


def check_unknown_keys(
    doc: Document, data: Any, model: type[BaseModel], path: Path_ = ()
) -> list[Problem]:
    """Unknown keys with a 'did you mean' drawn from the keys the model at that place allows.

    pydantic reports unknown keys but not what was allowed there; walking the model alongside
    the data gives the suggestion its candidates.
    """
    problems: list[Problem] = []
    if issubclass(model, RootModel):
        for sub, (sub_path, sub_model) in _submodels(
            model.model_fields["root"].annotation, data, path
        ):
            problems += check_unknown_keys(doc, sub, sub_model, sub_path)
        return problems
    if not isinstance(data, dict):
        return problems
    fields = model.model_fields
    for key, value in data.items():
        if key not in fields:
            file, line, column = doc.locate((*path, key), prefer_key=True)
            problems.append(
                Problem(
                    file,
                    f"unknown key '{key}'{suggestion(key, fields)}.",
                    line,
                    column,
                    dotted((*path, key)),
                )
            )
            continue
        for sub, (sub_path, sub_model) in _submodels(fields[key].annotation, value, (*path, key)):
            problems += check_unknown_keys(doc, sub, sub_model, sub_path)
    return problems


def _submodels(
    annotation: Any, value: Any, path: Path_
) -> list[tuple[Any, tuple[Path_, type[BaseModel]]]]:
    """Pairs of (data, (path, model)) for the nested models under one field."""
    out: list[tuple[Any, tuple[Path_, type[BaseModel]]]] = []
    origin = get_origin(annotation)
    args = get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        out.append((value, (path, annotation)))
    elif origin is list and args and isinstance(value, list):
        for index, item in enumerate(value):
            out += _submodels(args[0], item, (*path, index))
    elif origin is dict and len(args) == 2 and isinstance(value, dict):
        for key, item in value.items():
            out += _submodels(args[1], item, (*path, key))
    elif origin in (Union, UnionType):
        for arg in _union_members(args, value):
            out += _submodels(arg, value, path)
    elif origin is Annotated:
        out += _submodels(args[0], value, path)
    return out


def _union_members(args: tuple[Any, ...], value: Any) -> list[Any]:
    """The members of a union that `value` is checked against. Of several models, the one
    whose `marker` key the value has (a session's `circuit:` item), else those without one."""
    models = [arg for arg in args if isinstance(_model_of(arg), type)]
    if len(models) < 2 or not isinstance(value, dict):
        return list(args)
    marked = [m for m in models if getattr(_model_of(m), "marker", None) in value]
    unmarked = [m for m in models if getattr(_model_of(m), "marker", None) is None]
    others = [arg for arg in args if arg not in models]
    return others + (marked or unmarked)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None
