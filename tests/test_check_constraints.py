"""Check constraints validated in one query (`core.constraints.ChecksInOneQuery`): the same errors as Django's own
`validate_constraints`, for every model of the project, in one query instead of three per constraint."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from apps.core.constraints import ChecksInOneQuery

PROJECT_MODELS = [m for m in apps.get_models() if m.__module__.startswith("apps.")]
CHECKED = [m for m in PROJECT_MODELS if any(isinstance(c, models.CheckConstraint) for c in m._meta.constraints)]


def _errors(validate, instance, exclude=None):
    try:
        validate(instance, exclude=exclude)
    except ValidationError as exc:
        return {field: sorted(str(m) for m in messages) for field, messages in exc.message_dict.items()}
    return {}


def _out_of_range(model):
    """An instance whose numbers are all negative and dates all in 1900: it breaks most range checks."""
    import datetime

    instance = model()
    for field in model._meta.concrete_fields:
        if field.primary_key or field.is_relation:
            continue
        if isinstance(field, models.DecimalField):
            setattr(instance, field.attname, Decimal("-1"))
        elif isinstance(field, models.IntegerField | models.FloatField):
            setattr(instance, field.attname, -1)
        elif isinstance(field, models.DateTimeField):
            setattr(instance, field.attname, datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC))
        elif isinstance(field, models.DateField):
            setattr(instance, field.attname, datetime.date(1900, 1, 1))
    return instance


def test_every_model_of_the_project_validates_its_checks_in_one_query():
    from apps.core.model_base import ProjectModel

    assert not [m.__name__ for m in PROJECT_MODELS if not issubclass(m, ProjectModel)]
    assert issubclass(ProjectModel, ChecksInOneQuery)


@pytest.mark.django_db
@pytest.mark.parametrize("model", CHECKED, ids=lambda m: m.__name__)
def test_the_same_errors_as_djangos_own_validation(model):
    for instance in (model(), _out_of_range(model)):
        assert _errors(ChecksInOneQuery.validate_constraints, instance) == _errors(
            models.Model.validate_constraints, instance
        )


@pytest.mark.django_db
def test_broken_checks_are_named_with_their_messages_and_excluded_fields_are_skipped():
    from apps.centers.models import ContractVersion

    instance = _out_of_range(ContractVersion)
    errors = _errors(ChecksInOneQuery.validate_constraints, instance)
    assert errors, "an out-of-range contract version breaks its checks"
    every_field = {f.name for f in ContractVersion._meta.concrete_fields}
    assert _errors(ChecksInOneQuery.validate_constraints, instance, exclude=every_field) == {}


@pytest.mark.django_db
def test_one_query_whatever_the_number_of_checks():
    from apps.centers.models import ContractVersion

    checks = [c for c in ContractVersion._meta.constraints if isinstance(c, models.CheckConstraint)]
    assert len(checks) >= 3
    instance = _out_of_range(ContractVersion)
    with CaptureQueriesContext(connection) as ours:
        _errors(ChecksInOneQuery.validate_constraints, instance)
    with CaptureQueriesContext(connection) as djangos:
        _errors(models.Model.validate_constraints, instance)
    selects = [q for q in ours.captured_queries if "_check_" in q["sql"]]
    assert len(selects) == 1
    assert len(ours.captured_queries) < len(djangos.captured_queries) - 2 * len(checks)


@pytest.mark.django_db
def test_when_the_database_refuses_the_combined_query_each_check_is_validated_on_its_own(monkeypatch):
    from django.db import DatabaseError

    from apps.centers.models import ContractVersion
    from apps.core import constraints

    class Refused(constraints.Query):
        def get_compiler(self, *args, **kwargs):
            raise DatabaseError("refused")

    instance = _out_of_range(ContractVersion)
    expected = _errors(models.Model.validate_constraints, instance)
    monkeypatch.setattr(constraints, "Query", Refused)
    checks = [c for c in ContractVersion._meta.constraints if isinstance(c, models.CheckConstraint)]
    assert constraints.failed_checks(instance, checks) is None
    assert expected and _errors(ChecksInOneQuery.validate_constraints, instance) == expected
