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
    "apps/core/documents.py",  # the shared builders (docx_document, pdf_bytes): each writer using them is walked
    "apps/centers/exports/contract_docx.py",  # centers, contract part (walked below)
    "apps/centers/exports/contract_pdf.py",
    "apps/centers/funding_export.py",  # centers, funding ledger (walked below)
    "apps/reports/exports/docx.py",  # annual reports: one report, the year's .zip and .xlsx (walked below)
    "apps/reports/exports/pdf.py",
    "apps/reports/exports/year.py",
    "apps/evaluations/exports/dossier_docx.py",  # the evaluation dossier (walked in its test_dossier_exports.py)
    "apps/evaluations/exports/dossier_pdf.py",
    # A navigation report (issue 19): its title and scope terms, normalised on input (services_reports, scope.parse);
    # the .docx read back in apps/navigation/tests/test_exports_docx.py.
    "apps/navigation/exports/docx.py",
    # The demo's incoPat export, an input to the importer built from constant demo rows: no stored text is written
    # into it, so there is nothing hostile to walk (the importer's reading of hostile cells: apps/patents/tests).
    "apps/patents/demo_imports.py",
    # Every list's .xlsx export (issue 21): each cell through documents.xlsx_row; the formula and hostile-text cases
    # of every list are walked in tests/test_lists.py.
    "apps/core/listing.py",
}
# The constructors, and the shared builders of apps.core.documents that call them for a writer.
WRITER_CALL = re.compile(
    r"\b(Workbook|Document|HTML|write_pdf|SimpleDocTemplate|canvas\.Canvas|docx_document|pdf_bytes)\("
)


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


def _hostile_figures(figures: dict, prefix: str) -> dict:
    """The figures JSON with hostile text in every string a document prints (a group's title; a row's label, value
    and target), its keys and statuses kept, each number written the lenient way ("1_0": no number); the KPI group
    first, with one row more (the year's .xlsx prints the KPI rows)."""
    groups = [group for group in figures.get("groups", []) if group.get("key") != "kpi"]
    kpi = next((group for group in figures.get("groups", []) if group.get("key") == "kpi"), {"key": "kpi"})
    walked = {"key": "kpi.walk", "label": "", "value": "", "number": None, "target": "", "status": "behind", "url": ""}
    groups.insert(0, {**kpi, "rows": [*kpi.get("rows", []), walked]})  # a KPI row whatever the contract holds
    hostile = {**figures, "groups": []}
    for number, group in enumerate(groups):
        rows = [
            {
                **row,
                **{
                    name: f"{FORMULA}\x0b\u202e{prefix}{name}{number}.{index}\x01"
                    for name in ("label", "value", "target")
                },
                "number": "1_0",
            }
            for index, row in enumerate(group.get("rows", []))
        ]
        hostile["groups"].append({**group, "title": f"{FORMULA}\x0b\u202e{prefix}title{number}\x01", "rows": rows})
    return hostile


def _check_report_docx(data: bytes, where: str, markers) -> None:
    document = Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    paragraphs += [p.text for section in document.sections for p in section.header.paragraphs]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    _assert_clean(paragraphs + cells, where)
    assert any(FORMULA in t for t in paragraphs + cells), where
    shown = "\n".join(paragraphs + cells)
    assert all(marker in shown for marker in markers), (where, [m for m in markers if m not in shown])
    properties = document.core_properties
    _assert_clean([properties.title, properties.author, properties.subject], f"{where} properties")


def _check_report_pdf(data: bytes, where: str, markers) -> None:
    found = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    _assert_clean([found.replace("\x0c", "")], where)  # pdftotext ends each page with a form feed
    assert "HYPERLINK" in found, where
    flat = "".join(found.split())
    assert all(marker in flat for marker in markers), (where, [m for m in markers if m not in flat])
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True).stdout.decode()
    _assert_clean([info], f"{where} metadata")


@pytest.mark.django_db
def test_the_annual_reports_write_hostile_stored_text(world):
    """The annual work report (.docx, PDF) and the year's .xlsx summary and .zip: every free-text field a report
    export prints holds hostile text, written with update(): the sections (a draft's own, a submitted report's
    frozen version), the unit's comments on the figures, the figures' labels, values and targets, the center's name,
    its lead unit's name and the prefecture office's opinion in the timeline."""
    from apps.centers.models import Center
    from apps.organizations.models import Organization
    from apps.reports.exports.docx import report_docx
    from apps.reports.exports.pdf import report_pdf
    from apps.reports.exports.year import year_xlsx, year_zip
    from apps.reports.models import AnnualReport, FigureComment, ReportEvent, ReportVersion
    from apps.reports.tests import reports_setup

    forwarded = reports_setup.forwarded(world)  # exports its frozen version, with the office's opinion
    draft = reports_setup.open_for(world, org=world.org_other)  # exports its current text, marked as a draft
    for name, report in (("F", forwarded), ("D", draft)):
        center = Center.objects.filter(pk=report.center_id)  # a center's name begins with the unified prefix
        center.update(name=f"{report.center.name}{FORMULA}\x0b\u202e{name}center\x01")
        organization = Organization.objects.filter(pk=report.center.lead_unit_id)
        fields = [f for f in text.text_fields(Organization) if not f.choices and not f.unique]
        organization.update(**{f.name: _hostile(f, prefix=f"{name}.") for f in fields})
        organization.update(name=f"{FORMULA}\x0b\u202e{name}unit\x01")
    sections = {name: f"{FORMULA}\x0b\u202eF{name}\x01" for name in AnnualReport.SECTIONS}
    version = ReportVersion.objects.filter(report=forwarded).latest("number")
    figures = _hostile_figures(version.content["figures"], "F")
    keys = [row["key"] for group in figures["groups"] for row in group["rows"]]
    comments = {key: f"{FORMULA}\x0b\u202eFcomment{index}\x01" for index, key in enumerate(keys)}
    ReportVersion.objects.filter(pk=version.pk).update(
        content={**version.content, "sections": sections, "figures": figures, "comments": comments}
    )
    ReportEvent.objects.filter(report=forwarded, action="forward").update(opinion=f"{FORMULA}\x0b\u202eFopinion\x01")
    draft_figures = _hostile_figures(draft.figures, "D")
    AnnualReport.objects.filter(pk=draft.pk).update(
        figures=draft_figures,
        **{name: f"{FORMULA}\x0b\u202eD{name}\x01" for name in AnnualReport.SECTIONS},
    )
    draft_keys = [row["key"] for group in draft_figures["groups"] for row in group["rows"]]
    for index, key in enumerate(draft_keys):
        comment = FigureComment.objects.create(report=draft, key=key, text="-", updated_by=world.user("unit_admin"))
        FigureComment.objects.filter(pk=comment.pk).update(text=f"{FORMULA}\x0b\u202eDcomment{index}\x01")
    assert keys and draft_keys

    def markers(name, figures, rows):
        shown = [f"{name}{section}" for section in AnnualReport.SECTIONS]
        shown += [f"{name}center", f"{name}unit", f"{name}comment0", f"{name}comment{rows - 1}"]
        for number, group in enumerate(figures["groups"]):
            shown.append(f"{name}title{number}")
            shown += [
                f"{name}{field}{number}.{index}" for index in range(len(group["rows"])) for field in ("label", "value")
            ]
            shown += [f"{name}target{number}.{index}" for index, row in enumerate(group["rows"]) if row.get("status")]
        return shown + (["Fopinion"] if name == "F" else [])

    expected = {"F": markers("F", figures, len(keys)), "D": markers("D", draft_figures, len(draft_keys))}
    for name, report in (("F", forwarded), ("D", draft)):
        report = reports_setup.fresh(report)
        _check_report_docx(report_docx(report), f"report_docx {name}", expected[name])
        _check_report_pdf(report_pdf(report), f"report_pdf {name}", expected[name])

    year = forwarded.year
    regional = world.user("regional_officer")
    summary = year_xlsx(year, regional)
    _check_workbook(summary, "year_xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(summary))
    shown = "\n".join(
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    )
    kpi_markers = [
        f"{n}{field}0.{len(f['groups'][0]['rows']) - 1}"
        for n, f in (("F", figures), ("D", draft_figures))
        for field in ("label", "value", "target")
    ]
    comment_markers = [
        f"Fcomment{len(figures['groups'][0]['rows']) - 1}",
        f"Dcomment{len(draft_figures['groups'][0]['rows']) - 1}",
    ]
    for marker in ["Fcenter", "Funit", "Dcenter", "Dunit", *kpi_markers, *comment_markers]:
        assert marker in shown, ("year_xlsx", marker)

    with zipfile.ZipFile(io.BytesIO(year_zip(year, regional))) as archive:
        names = archive.namelist()
        _assert_clean(names, "year_zip names")
        documents_in_zip = [n for n in names if n.endswith(".docx")]
        assert len(documents_in_zip) == 2 and len(names) == 3, names
        for member in documents_in_zip:
            name = "F" if "Fcenter" in member else "D"
            _check_report_docx(archive.read(member), f"year_zip {member}", expected[name])
        _check_workbook(archive.read(next(n for n in names if n.endswith(".xlsx"))), "year_zip summary")


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
