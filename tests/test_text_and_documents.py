"""Issue 13 §1 and §6, by kind, over all of their places (docs/reliability.md):

- every text field of every form of the project normalises what it cleans (apps/core/text.py);
- every model of the project normalises its text on save, whoever saves;
- every document writer (xlsx, docx, pdf) writes hostile stored text without failing, shows formulas as text and
  holds no control or direction character; a new writer must join this walk;
- every download names its file through apps.core.documents.content_disposition (RFC 5987).

The instances named in the issue are tested beside their code (apps/*/tests/test_*text.py)."""

import importlib
import inspect
import io
import pkgutil
import re
import subprocess
import zipfile
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest
from django import forms
from django.apps import apps as django_apps
from django.db.models.signals import pre_save
from docx import Document

import apps as project_apps
from apps.core import clock, text
from apps.core.forms import StyledFormMixin

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "稀土\x0b永磁\u202e中心\x00\ufeff"
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")


def _project_modules():
    for info in pkgutil.walk_packages(project_apps.__path__, "apps."):
        parts = info.name.split(".")
        if {"tests", "migrations", "management"} & set(parts):
            continue
        yield importlib.import_module(info.name)


def _form_classes():
    found = {}
    for module in _project_modules():
        for obj in vars(module).values():
            if inspect.isclass(obj) and issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__:
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return found


FORM_CLASSES = _form_classes()


def test_the_walk_finds_the_forms():
    assert len(FORM_CLASSES) > 50
    assert {"apps.portal.forms.ObjectionForm", "apps.accounts.forms.UnitRegistrationForm"} <= set(FORM_CLASSES)


@pytest.mark.parametrize("path", sorted(FORM_CLASSES))
def test_every_form_is_built_on_the_styled_base(path):
    """The base's full_clean applies the text rule: a form outside it would store text unchecked."""
    cls = FORM_CLASSES[path]
    if cls.__name__.startswith("_"):  # a building block, used only inside a styled form
        users = [c for c in FORM_CLASSES.values() if cls in c.__mro__ and c is not cls]
        assert users and all(issubclass(c, StyledFormMixin) for c in users)
        return
    assert issubclass(cls, StyledFormMixin)


def _required_keywords(cls) -> dict:
    from apps.applications.models import Application, PanelMember
    from apps.attachments import registry
    from apps.calls.models import Topic
    from apps.parameters import selectors as parameter_lines

    providers = {
        "topics": lambda: Topic.objects.none(),
        "panel": lambda: SimpleNamespace(members=PanelMember.objects.none()),
        "call": lambda: None,
        "entry": lambda: registry.for_model(Application),
        "line": lambda: parameter_lines.overview()[0],
    }
    needed = {}
    for klass in cls.__mro__:
        if "__init__" in vars(klass):
            for parameter in inspect.signature(vars(klass)["__init__"]).parameters.values():
                if parameter.kind == parameter.KEYWORD_ONLY and parameter.default is parameter.empty:
                    needed[parameter.name] = providers[parameter.name]()
    return needed


@pytest.mark.django_db
def _concrete(cls) -> bool:
    """Not a building block (`_YearTargets`) nor a model form without a model (`StyledModelForm` itself)."""
    return not cls.__name__.startswith("_") and not (
        issubclass(cls, forms.BaseModelForm) and getattr(cls._meta, "model", None) is None
    )


@pytest.mark.parametrize("path", sorted(p for p, c in FORM_CLASSES.items() if _concrete(c)))
def test_every_text_field_of_every_form_normalises_what_it_cleans(world, path):
    cls = FORM_CLASSES[path]
    form = cls(data={}, **_required_keywords(cls))
    form.data = {form.add_prefix(name): HOSTILE for name in form.fields}
    form.full_clean()
    checked = 0
    for name, field in form.fields.items():
        if not isinstance(field, forms.CharField):
            continue
        if isinstance(field.widget, forms.PasswordInput):
            assert field.to_python(HOSTILE) == HOSTILE.strip(), f"{path}.{name}: a password is kept as typed"
            continue
        single_line = not isinstance(field.widget, forms.Textarea)
        try:
            cleaned = field.to_python(HOSTILE)
        except forms.ValidationError:  # e.g. a URL field that refuses the text outright
            continue
        assert cleaned == text.normalise(HOSTILE, single_line=single_line).strip(), f"{path}.{name}"
        value = form.cleaned_data.get(name)
        assert not (isinstance(value, str) and FORBIDDEN.search(value)), f"{path}.{name}"
        checked += 1
    text_fields = [f for f in form.fields.values() if text.is_text_field(f)]
    assert checked == len(text_fields)


def _project_models():
    return [m for m in django_apps.get_models() if m.__module__.startswith("apps.") and text.text_fields(m)]


def test_every_model_of_the_project_normalises_its_text_on_save():
    """Every save of every model (services, commands, tasks, imports) passes the rule; the audit trail alone keeps
    what arrived (its hash covers it), and its writers clean it."""
    kept = []
    for model in _project_models():
        receivers = [r for r in pre_save._live_receivers(model)[0] if r is text.normalise_on_save]
        assert receivers, model
        instance = model()
        for field in text.text_fields(model):
            setattr(instance, field.attname, HOSTILE)
        pre_save.send_robust(sender=model, instance=instance, raw=False, using="default", update_fields=None)
        for field in text.text_fields(model):
            value = getattr(instance, field.attname)
            if getattr(model, "keeps_text_as_received", False):
                assert value == HOSTILE
                kept.append(model._meta.label)
            else:
                line_break = "\n" if field.get_internal_type() == "TextField" else " "
                assert value == text.normalise(HOSTILE, line_break=line_break), (model, field.name)
    assert set(kept) == {"audit.AuditEntry"}


# ---------------------------------------------------------------- document writers

WRITER_MODULES = {
    "apps/applications/exports/xlsx.py",
    "apps/applications/exports/docx.py",
    "apps/applications/exports/pdf.py",
    "apps/audit/export.py",
    "apps/centers/exports/contract_docx.py",  # centers, contract part (walked below)
    "apps/centers/exports/contract_pdf.py",
    "apps/centers/funding_export.py",  # centers, funding ledger (walked below)
    # The demo's incoPat export, an input to the importer built from constant demo rows: no stored text is written
    # into it, so there is nothing hostile to walk (the importer's reading of hostile cells: apps/patents/tests).
    "apps/patents/demo_imports.py",
}
WRITER_CALL = re.compile(r"\b(Workbook|Document|HTML|write_pdf|SimpleDocTemplate|canvas\.Canvas)\(")


def test_every_document_writer_is_in_the_walk():
    """A module that builds an .xlsx, .docx or .pdf must be added to WRITER_MODULES and to the walk below."""
    found = set()
    for path in (ROOT / "apps").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        if WRITER_CALL.search(path.read_text(encoding="utf-8")):
            found.add(str(path.relative_to(ROOT)))
    assert found == WRITER_MODULES


FORMULA = '=HYPERLINK("http://example.invalid/?x","稀土永磁中心")'


def _hostile(field, prefix="") -> str:
    value = f"{prefix}{FORMULA}\x0b\u202e{field.name}\x01"
    return value[: field.max_length] if field.max_length else value


def _store_hostile_text(world):
    """Every free-text column of an application and what it shows (unit, partners, rows, call, topic) holds
    hostile text, written with update(): as if stored before the rule existed."""
    from apps.applications import services_review
    from apps.applications.models import Application, BudgetItem, Capability, Indicator, Partnership
    from apps.applications.tests import factories as f
    from apps.calls.models import Call, Topic
    from apps.organizations.models import Organization

    application = f.eligible_draft(world)
    f.partner(application)
    application = f.advance(world, application, "expert_review")
    panel = f.scoring_panel(world, [application])
    f.score_all(panel)
    f.review_stage(panel)
    services_review.panel_close(world.user("regional_officer"), panel)  # ranked: the ranking workbook has a row
    targets = [
        (Application, Application.objects.filter(pk=application.pk)),
        (Organization, Organization.objects.filter(pk=application.lead_unit_id)),
        (Capability, Capability.objects.filter(application=application)),
        (BudgetItem, BudgetItem.objects.filter(application=application)),
        (Indicator, Indicator.objects.filter(application=application)),
        (Partnership, Partnership.objects.filter(application=application)),
        (Call, Call.objects.filter(pk=application.call_id)),
        (Topic, Topic.objects.filter(pk=application.topic_id)),
    ]
    for model, queryset in targets:
        fields = [
            f for f in text.text_fields(model) if not f.choices and not f.unique and f.name not in ("credit_code",)
        ]
        queryset.update(**{f.name: _hostile(f) for f in fields})
    return Application.objects.get(pk=application.pk)


def _assert_clean(texts, where):
    for value in texts:
        if isinstance(value, str):
            assert not FORBIDDEN.search(value), (where, value)


def _check_workbook(data: bytes, where: str):
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    shown = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert not FORBIDDEN.search(cell.value), (where, cell.coordinate, cell.value)
                    if cell.value.startswith(FORMULA):
                        assert cell.data_type == "s" and cell.quotePrefix, (where, cell.coordinate)
                        shown += 1
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in archive.read(name).decode(), (where, name)
    assert shown, f"{where}: the hostile text was not written at all"


@pytest.mark.django_db
def test_every_document_writer_writes_hostile_stored_text(world):
    from apps.applications.exports.docx import application_docx
    from apps.applications.exports.pdf import application_pdf
    from apps.applications.exports.xlsx import call_workbook, ranking_workbook
    from apps.applications.models import Application
    from apps.audit import services as audit
    from apps.audit.export import entries_to_xlsx
    from apps.audit.models import AuditEntry

    application = _store_hostile_text(world)

    _check_workbook(call_workbook(application.call, Application.objects.all()), "call_workbook")
    _check_workbook(ranking_workbook(application.topic), "ranking_workbook")

    document = Document(io.BytesIO(application_docx(application)))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    _assert_clean(paragraphs + cells, "application_docx")
    assert any(FORMULA in t for t in paragraphs + cells)
    properties = document.core_properties
    _assert_clean([properties.title, properties.author, properties.subject], "application_docx properties")

    pdf = application_pdf(application)
    found = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    _assert_clean([found.replace("\x0c", "")], "application_pdf")  # pdftotext ends each page with a form feed
    assert "HYPERLINK" in found
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    _assert_clean([info], "application_pdf metadata")

    audit.record("auth.login_failed", object_type="accounts.user", object_repr=FORMULA + HOSTILE, message=HOSTILE)
    _check_workbook(entries_to_xlsx(AuditEntry.objects.all()), "entries_to_xlsx")


@pytest.mark.django_db
def test_the_ledger_workbooks_write_hostile_stored_text(world):
    """The funding ledger's .xlsx (per center and per year): free text of the entries, the center and its unit."""
    from apps.centers.funding_export import center_workbook, year_workbook
    from apps.centers.models import Center, LedgerEntry
    from apps.centers.tests.funding_setup import running_center
    from apps.organizations.models import Organization

    center = running_center(world)
    entry = LedgerEntry.objects.create(
        center=center,
        kind=LedgerEntry.Kind.MATCHED,
        amount=1,
        occurred_on=clock.today(),
        year=clock.today().year,
        created_by=world.user("unit_admin"),
        created_at=clock.now(),
    )
    for model, queryset in (
        (LedgerEntry, LedgerEntry.objects.filter(pk=entry.pk)),
        (Organization, Organization.objects.filter(pk=center.lead_unit_id)),
    ):
        fields = [f for f in text.text_fields(model) if not f.choices and not f.unique and f.name != "credit_code"]
        queryset.update(**{f.name: _hostile(f) for f in fields})
    Center.objects.filter(pk=center.pk).update(name=center.name + FORMULA)
    _check_workbook(center_workbook(Center.objects.get(pk=center.pk)), "center_workbook")
    _check_workbook(year_workbook(clock.today().year), "year_workbook")


@pytest.mark.django_db
def test_the_contract_documents_write_hostile_stored_text(world):
    """The construction contract (.docx and PDF; centers, contract part): every free-text column of the version, its
    rows, its center and lead unit holds hostile text."""
    from apps.centers import contract
    from apps.centers.exports.contract_docx import contract_docx
    from apps.centers.exports.contract_pdf import contract_pdf
    from apps.centers.models import Center, ContractBudgetLine, ContractIndicator, ContractVersion, Tranche
    from apps.centers.tests.contract_setup import contract_at
    from apps.organizations.models import Organization

    version = contract_at(world, "in_force")
    center = version.contract.center
    for model, queryset in (
        (ContractVersion, ContractVersion.objects.filter(pk=version.pk)),
        (ContractIndicator, ContractIndicator.objects.filter(version=version)),
        (ContractBudgetLine, ContractBudgetLine.objects.filter(version=version)),
        (Tranche, Tranche.objects.filter(version=version)),
        (Center, Center.objects.filter(pk=center.pk)),
        (Organization, Organization.objects.filter(pk=center.lead_unit_id)),
    ):
        fields = [
            f for f in text.text_fields(model) if not f.choices and not f.unique and f.name not in ("credit_code",)
        ]
        for row, pk in enumerate(queryset.values_list("pk", flat=True)):  # a row's own text: categories are unique
            model.objects.filter(pk=pk).update(**{f.name: _hostile(f, prefix=f"{row}.") for f in fields})
    version = contract.with_details(ContractVersion.objects.filter(pk=version.pk)).get()

    document = Document(io.BytesIO(contract_docx(version)))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    _assert_clean(paragraphs + cells, "contract_docx")
    assert any(FORMULA in t for t in paragraphs + cells)
    properties = document.core_properties
    _assert_clean([properties.title, properties.author, properties.subject], "contract_docx properties")

    pdf = contract_pdf(version)
    found = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    _assert_clean([found.replace("\x0c", "")], "contract_pdf")
    assert "HYPERLINK" in found
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    _assert_clean([info], "contract_pdf metadata")


# ---------------------------------------------------------------- downloads

DISPOSITION = re.compile(r"""\[["']Content-Disposition["']\]\s*=\s*(.+)""")


def test_every_download_names_its_file_through_the_one_helper():
    """Each Content-Disposition is built by apps.core.documents.content_disposition (a Chinese name per RFC 5987
    with an ASCII fallback); no view writes its own header."""
    assignments = []
    for path in (ROOT / "apps").rglob("*.py"):
        if "tests" in path.parts:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            match = DISPOSITION.search(line)
            if match:
                assignments.append((str(path.relative_to(ROOT)), match.group(1)))
    assert len(assignments) >= 6
    for path, value in assignments:
        assert value.startswith(("content_disposition(", "documents.content_disposition(", "_export_name(")), path


@pytest.mark.parametrize("path", sorted(p for p, c in FORM_CLASSES.items() if _concrete(c)))
def test_every_date_input_of_every_form_shows_an_iso_date(world, path):
    """<input type="date"> shows only ISO dates: a date rendered in the zh-hans input format (2026/11/30) shows as
    blank in the browser and is lost when the form is saved again (apps/core/forms.py)."""
    from datetime import date

    from django.utils import translation

    cls = FORM_CLASSES[path]
    form = cls(**_required_keywords(cls))
    with translation.override("zh-hans"):
        for name, field in form.fields.items():
            widget = field.widget
            if isinstance(widget, forms.DateInput) and widget.input_type == "date":
                html = widget.render(name, date(2026, 11, 30))
                assert 'value="2026-11-30"' in html, f"{path}.{name} renders {html}"
