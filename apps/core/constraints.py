"""A model's check constraints validated in one query.

`Model.full_clean()` ends with `validate_constraints()`, and Django validates each `CheckConstraint` with a query of
its own (`Q.check`), inside a savepoint when a transaction is open: three round trips per constraint, so a contract
version with twelve range checks costs 36 queries before it is saved. Every transition (`core.workflow`) and most
services call `full_clean`, so this was a large share of the platform's writes and of the test suite's time.

`ChecksInOneQuery` evaluates all of the model's check constraints in ONE `SELECT COALESCE(cond₁, TRUE), …` (one
savepoint around it); unique and other constraints still go through their own `validate`. Same errors, codes and
order as Django's, and the same NULL rule (a condition that is NULL passes, as in the database). A constraint that
names a field left out by `exclude` is skipped, like Django skips it; if the combined query fails in the database,
each constraint is validated on its own, Django's way.
"""

from contextlib import nullcontext

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, router, transaction
from django.db.models import BooleanField, CheckConstraint, ExpressionWrapper, Q, Value
from django.db.models.functions import Cast, Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE


def failed_checks(instance, checks, exclude=None, using="default") -> set[int] | None:
    """The ids of the `CheckConstraint`s of `checks` (on `instance`'s own model) that `instance` breaks, found in one
    query; None when the database refused the query (the caller then validates them one by one)."""
    if not checks:
        return set()
    query = Query(None)
    for name, value in instance._get_field_expression_map(meta=instance._meta, exclude=exclude).items():
        if isinstance(value, Value) and value.value is None and value._output_field_or_none is not None:
            value = Cast(value, output_field=value.output_field)  # typed: `EXTRACT(YEAR FROM NULL)` is ambiguous
        query.add_annotation(value, name, select=False)
    evaluated = []
    for constraint in checks:
        condition = ExpressionWrapper(Q(constraint.condition), output_field=BooleanField())
        try:
            query.add_annotation(
                Coalesce(condition, Value(True), output_field=BooleanField()), f"_check_{len(evaluated)}"
            )
        except FieldError:  # it names a field left out by `exclude`: not validated (Django's rule)
            continue
        evaluated.append(constraint)
    if not evaluated:
        return set()
    connection = connections[using]
    try:
        with transaction.atomic(using=using) if connection.in_atomic_block else nullcontext():
            row = query.get_compiler(using=using).execute_sql(SINGLE)
    except DatabaseError:
        return None
    return {id(constraint) for constraint, passed in zip(evaluated, row, strict=True) if not passed}


class ChecksInOneQuery:
    """Model mixin (before `models.Model` in the bases): `validate_constraints` with every check constraint of the
    model evaluated in one query (module docstring). Raises ValidationError exactly as Django's does."""

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(self.__class__, instance=self)
        constraints = self.get_constraints()
        own = [c for model, cs in constraints if model is self.__class__ for c in cs if isinstance(c, CheckConstraint)]
        failed = failed_checks(self, own, exclude=exclude, using=using)
        own_ids = {id(c) for c in own}
        errors = {}
        for model_class, model_constraints in constraints:
            for constraint in model_constraints:
                try:
                    if failed is not None and id(constraint) in own_ids:
                        if id(constraint) in failed:
                            raise ValidationError(
                                constraint.get_violation_error_message(), code=constraint.violation_error_code
                            )
                        continue
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as e:
                    if getattr(e, "code", None) == "unique" and len(getattr(constraint, "fields", ())) == 1:
                        errors.setdefault(constraint.fields[0], []).append(e)
                    else:
                        errors = e.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)
