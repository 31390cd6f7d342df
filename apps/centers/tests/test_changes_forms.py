"""The changes forms hold the input rules of apps.core.inputs (tests/test_typed_input.py walks only `forms.py`):
every text field refuses one character over its limit naming the field and the limit, and the browser gets no
`maxlength` that would cut pasted text; every date field refuses year 1 and year 9999."""

import pytest
from django import forms

from apps.centers import forms_changes as fc

CLASSES = [
    c
    for n, c in vars(fc).items()
    if isinstance(c, type) and issubclass(c, forms.BaseForm) and c.__module__ == fc.__name__ and not n.startswith("_")
]


@pytest.mark.django_db
def test_every_field_of_the_changes_forms_refuses_what_is_out_of_bounds(world):
    checked = 0
    for cls in CLASSES:
        form = cls()
        for name in list(form.fields):
            field = form.fields[name]
            form[name]  # as the page shows it (fields a form adds after its __init__ included)
            if isinstance(field, forms.CharField):
                limit = field.max_length
                assert limit, (cls, name)
                assert " maxlength=" not in str(cls()[name])
                bound = cls({name: "x" * (limit + 1)})
                bound.is_valid()
                errors = [str(e) for e in bound.errors.get(name, [])]
                assert any(str(field.label or name) in e and f" {limit} " in e for e in errors), (cls, name, errors)
                checked += 1
            if isinstance(field, forms.DateField):
                for bad in ("0001-01-01", "9999-12-31"):
                    bound = cls({name: bad})
                    bound.is_valid()
                    assert name in bound.errors, (cls, name, bad)
    assert checked > 10
