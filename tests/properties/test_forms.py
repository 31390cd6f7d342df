"""Every form of the project, bound to generated hostile data field by field (issue 22): `is_valid()` answers
True or False and never raises. The walk of tests/test_typed_input.py finds the form classes of apps/*/forms.py
(with the keyword arguments their views pass); this walk adds the forms of apps/*/forms_*.py that construct with no
arguments. Where a form is valid nothing is done with it here: saving is the services' part (test_services.py).

Each example draws, for every form, one value per field by its type (strategies.field_value) and posts it the way a
browser or a crafted request would: as a QueryDict, sometimes with a field missing or a list where one value is
expected."""

import importlib
import inspect
import pathlib

import pytest
from django import forms
from django.conf import settings
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from apps.core.forms import StyledForm, StyledModelForm
from tests.test_typed_input import _kwargs, form_classes

from . import strategies as hs

pytestmark = pytest.mark.django_db


def more_form_classes() -> list[type]:
    """Form classes of apps/<app>/forms_*.py (the walk of test_typed_input reads apps/<app>/forms.py only)."""
    found = []
    for app in settings.LOCAL_APPS:
        package = importlib.import_module(app)
        for path in sorted(pathlib.Path(package.__path__[0]).glob("forms_*.py")):
            module = importlib.import_module(f"{app}.{path.stem}")
            for name, cls in vars(module).items():
                if (
                    inspect.isclass(cls)
                    and issubclass(cls, forms.BaseForm)
                    and cls.__module__ == module.__name__
                    and not name.startswith("_")
                    and cls not in (StyledForm, StyledModelForm)
                    and not issubclass(cls, forms.BaseFormSet)
                ):
                    found.append(cls)
    return found


def _constructible(world) -> list[tuple[type, dict]]:
    result = []
    for cls in form_classes():
        result.append((cls, _kwargs(cls)))
    for cls in more_form_classes():
        try:
            form = cls()
        except TypeError:
            continue  # needs the object its view passes: covered by the app's own form tests
        if any(getattr(f, "queryset", "") is None for f in form.fields.values()):
            continue  # its choices come from the object its view passes (StaffForm, MeetingForm of a center)
        result.append((cls, {}))
    return result


@st.composite
def posted(draw, form: forms.BaseForm) -> QueryDict:
    body = QueryDict(mutable=True)
    for name, field in form.fields.items():
        shape = draw(st.sampled_from(["value", "value", "value", "missing", "list"]))
        if shape == "missing":
            continue
        value = draw(hs.field_value(field))
        if value is None:
            continue
        if isinstance(value, list):
            body.setlist(form.add_prefix(name), value)
        elif shape == "list":
            body.setlist(form.add_prefix(name), [value, draw(hs.hostile_text(long=False))])
        else:
            body[form.add_prefix(name)] = value
    return body


def test_the_walk_reaches_the_forms_of_forms_modules_too(world):
    walked = {f"{cls.__module__}.{cls.__name__}" for cls, _kwargs in _constructible(world)}
    assert len(walked) > 60, len(walked)
    assert any(name.startswith("apps.centers.forms_") for name in walked), walked
    assert any(name.startswith("apps.patents.forms_") for name in walked), walked


def test_every_form_answers_is_valid_for_any_posted_data(world):
    """Each form draws its own examples: one draw of a body for every form at once overran hypothesis's buffer on
    most examples and was thrown away and drawn again (13 minutes for 4 examples)."""
    for cls, kwargs in _constructible(world):
        _answers_for_any_body(cls, kwargs)


def _answers_for_any_body(cls, kwargs):
    @hs.profile(examples=4)
    @given(data=st.data())
    def check(data):
        body = data.draw(posted(cls(**kwargs)), label=cls.__name__)
        form = cls(body, **kwargs)
        try:
            answer = form.is_valid()
        except Exception as exc:  # the property: any exception at all is the fault
            raise AssertionError(f"{cls.__module__}.{cls.__name__} raised {exc!r} on {dict(body.lists())!r}") from exc
        assert answer in (True, False)
        if not answer:
            for errors in form.errors.values():
                assert all(str(error).strip() for error in errors), f"{cls.__name__}: an empty error message"

    check()
