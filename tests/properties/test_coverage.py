"""Generated input drives every service that takes typed values (issue 22): a walk of `apps/*/services*.py` (and
`apps/*/services/*.py`) finds each public function with a parameter that carries what a person types, and each
must be called by a property test of tests/properties (`test_*.py`) — or be listed in `NOT_DRIVEN` with the reason
generated input does not apply. No database: this reads source files.

Typed input, by parameter name (`TYPED_PARAMETERS`, `TYPED_SUFFIXES`): free text (reasons, titles, notes,
opinions, comments, names, bodies, contacts …), money and numbers (amount, fee, points, scores, year …), dates
(`*_on`, deadline, until, since, day, period_start/end …), codes and secrets typed at a keyboard (credit codes,
indicator codes, passwords, one-time codes, tokens), and the dicts and lists that carry a form's values (values,
data, proposal, rows, figures, **values …). Not typed: the actor, the objects a service acts on, the clock
(`now`, `today`, `as_of`), flags set by the code.

"Called by a property test": a test module imports the service's module (`from apps.x import services_y [as z]`,
`import apps.x.services_y as z`) and names `z.function`, or imports the function itself — matched by module and
name, so two services of the same name in two apps are told apart."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

TYPED_PARAMETERS = frozenset(
    {
        # free text
        *("reason", "reasons", "title", "text", "note", "notes", "comment", "comments", "opinion", "name"),
        *("full_name", "body", "subject", "summary", "description", "requirements", "answer", "public_question"),
        *("public_answer", "contribution", "contact", "resolution", "justification", "change_note", "work_plan"),
        *("project_name", "announcement_title", "announcement_body", "guidance", "intro", "organization_name"),
        *("affiliation_name", "result", "evidence", "source", "commission_document", "document_number"),
        *("doc_number", "fields", "article", "articles", "finding", "termination", "path"),
        # who a person says they are
        *("username", "email", "phone"),
        # codes, secrets, tokens typed or pasted
        *("credit_code", "confirm_credit_code", "code", "password", "old_password", "new_password", "token"),
        *("uidb64", "human_check", "key"),
        # money and numbers
        *("amount", "fee", "clawback_amount", "max_points", "excellent_from", "qualified_from", "influence"),
        *("industry_pull", "breadth", "value", "expected", "year", "working_days", "points", "scores"),
        # dates and times
        *("deadline", "until", "since", "day", "period_start", "period_end", "cutoff_date", "digest_time"),
        # a form's values, rows of a table, proposals
        *("values", "data", "proposal", "rows", "figures", "scope_data", "params", "capabilities", "rd"),
        *("indicators", "budget", "email_modes", "participation", "justified"),
    }
)
TYPED_SUFFIXES = ("_on", "_at")
NOT_TYPED = frozenset({"now", "today", "as_of"})  # the clock, passed by the code

# module:function -> why generated input does not apply. Short, and each reason concrete.
NOT_DRIVEN: dict[str, str] = {
    # a parameter named like typed input that carries none
    "apps.audit.services:snapshot": "`fields`: the model's field names, from the code",
    "apps.applications.services_decision:decision_board": "`summary`: funding_summary()'s computed dict",
    "apps.centers.services:center_terminate": "`termination`: an approved Termination row (centers.changes)",
    "apps.evaluations.services_scoring:veto_remove": "`finding`: a VetoFinding row",
    "apps.notifications.services:close_tasks": "`subject`: the model instance the tasks are about",
    "apps.reports.services:section_label": "`name`: an AnnualReport field name, from the code",
    "apps.reports.services:figure_keys": "`figures`: the figures refresh_figures computed and stored",
    "apps.reports.services:default_due_on": "`year`: a reporting year from the code (views, tasks); typed years "
    "reach set_due_date, driven",
    "apps.reports.services:due_on_of": "`year`: as default_due_on",
    "apps.reports.services:open_report": "called by the yearly task and set_due_date with computed years and dates",
    # typed, but not a value generated input can stand for
    "apps.navigation.services_datasets:import_register_path": "`path`: a server file given to the import_landscape "
    "command by the operator; the files' contents: apps/navigation/tests (imports)",
    "apps.navigation.services_datasets:import_file": "`path`: as import_register_path (the command and the demo)",
}


def typed_parameters(function: ast.FunctionDef) -> list[str]:
    args = function.args
    names = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    typed = [n for n in names if n not in NOT_TYPED and (n in TYPED_PARAMETERS or n.endswith(TYPED_SUFFIXES))]
    if args.kwarg is not None:  # **values, **fields, **sections: a form's cleaned values
        typed.append(f"**{args.kwarg.arg}")
    return typed


def service_modules() -> list[Path]:
    apps = ROOT / "apps"
    return sorted({*apps.glob("*/services*.py"), *apps.glob("*/services/*.py")})


def dotted(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def typed_services() -> dict[str, list[str]]:
    """ "apps.x.services_y:function" -> its typed parameters, for every public function that has one."""
    found = {}
    for path in service_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
                typed = typed_parameters(node)
                if typed:
                    found[f"{dotted(path)}:{node.name}"] = typed
    return found


def _aliases(nodes) -> dict[str, str]:
    """local name -> "apps.x.module" or "apps.x.module.function", from the imports among `nodes`."""
    aliases = {}
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("apps"):
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("apps.") and alias.asname:
                    aliases[alias.asname] = alias.name
    return aliases


def called_services() -> set[str]:
    """ "module:function" for every service a property test module names, through its module (`services.forward`)
    or imported by name. Imports are read per function (tests import inside the test, and two apps' modules are
    both called `services`), on top of the module's own."""
    called = set()
    for path in sorted(HERE.glob("test_*.py")):
        if path.name == Path(__file__).name:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_level = _aliases(tree.body)
        functions = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        for function in functions:
            aliases = {**module_level, **_aliases(ast.walk(function))}
            for node in ast.walk(function):
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
                    called.add(f"{aliases[node.value.id]}:{node.attr}")
            for target in aliases.values():  # `from apps.x.services import function`
                module, _, name = target.rpartition(".")
                called.add(f"{module}:{name}")
    return called


def test_every_service_taking_typed_values_is_driven_by_generated_input():
    called = called_services()
    missing = [
        f"{name}({', '.join(params)})"
        for name, params in typed_services().items()
        if name not in called and name not in NOT_DRIVEN
    ]
    assert not missing, (
        "services taking typed values that no property test of tests/properties calls (drive them with generated "
        "values, or list them in NOT_DRIVEN with the reason):\n" + "\n".join(missing)
    )


def test_every_exception_names_a_service_that_still_takes_typed_values():
    typed = typed_services()
    gone = [name for name in NOT_DRIVEN if name not in typed]
    assert not gone, f"NOT_DRIVEN names what is no longer a service taking typed values: {gone}"
    driven = called_services() & set(NOT_DRIVEN)
    assert not driven, f"NOT_DRIVEN lists services a property test now drives: {sorted(driven)}"


def test_the_walk_finds_the_services_it_should():
    typed = typed_services()
    assert typed["apps.reports.services:return_"] == ["reasons"]
    assert "**sections" in typed["apps.reports.services:update_sections"]
    assert "apps.audit.services:head" not in typed
    called = called_services()
    assert "apps.bureau.services_tasks:task_create" in called
