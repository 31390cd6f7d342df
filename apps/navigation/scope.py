"""The scope of a navigation report (GB/T 39551: the industry's technical boundary as a search strategy):

    Scope(ipc=("H01F1/057",), keywords=("稀土", "永磁"), applicants=(), year_from=2010, year_to=2024,
          regions=(), combine="and")

- `ipc`: IPC prefixes, ORed: a section ("H"), class ("H01"), subclass ("H01F"), main group ("H01F1": codes of
  that group only, "H01F1/…", never "H01F10/…") or a group with its subgroup digits ("H01F1/057", "H01F1/05":
  every code starting so). Written as users write them (full-width, lower case, spaces) and normalised.
- `keywords`: words or phrases (Chinese or English), ORed, each searched in the title, abstract and claims
  (English case-insensitively).
- `combine`: "and" (default: IPC group AND keyword group) or "or" (either), when both are given.
- `applicants`: names or parts of names, ORed, matched against every applicant of a record; ANDed with the above.
- `year_from`, `year_to`: filing years, inclusive; either may be empty.
- `regions`: province codes ("15"), Inner Mongolia prefecture codes ("150200") or country codes ("US"), ORed,
  matched against the first applicant; empty = everywhere.

`parse(data) -> Scope` reads a form's or a command's values (lists or text separated by spaces, commas, 、 or ;)
and refuses, with a Chinese message (DomainError, code "bad_scope"): a scope with no IPC, keyword or applicant; a
malformed IPC prefix (naming it); a year outside 1900–2100 or a range ending before it starts; more than
`MAX_TERMS` terms of one kind; a term longer than `MAX_TERM_LENGTH` characters; an unknown region.

`where_sql(scope) -> (sql, params)`: the predicate over the records' columns (`schema.COLUMNS`), and
`split_sql(scope)` the same in two parts (the short columns', the texts'), with `?` parameters for user text (IPC
prefixes are inlined only after they matched `IPC_PREFIX`). `strategy(scope) -> str`: the search expression
written out for the report's readers, e.g.
`(IPC=(H01F1/057) AND 标题/摘要/权利要求=(稀土 OR 永磁)) AND 申请年=2010–2024`."""

import re
import unicodedata
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from apps.core.errors import DomainError

from . import schema

MAX_TERMS = 30
MAX_TERM_LENGTH = 60
YEAR_MIN, YEAR_MAX = 1900, 2100
# Section, class, subclass, main group, group/subgroup digits (a prefix of them).
IPC_PREFIX = re.compile(r"^[A-H](\d{2}([A-Z](\d{1,4}(/\d{0,6})?)?)?)?$")
SPLIT = re.compile(r"[\s,，、;；]+")


@dataclass(frozen=True)
class Scope:
    ipc: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    applicants: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    regions: tuple[str, ...] = ()
    combine: str = "and"
    extra: dict = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("extra")
        for key in ("ipc", "keywords", "applicants", "regions"):
            data[key] = list(data[key])
        return data

    @property
    def is_empty(self) -> bool:
        return not (self.ipc or self.keywords or self.applicants)


def _refuse(message) -> DomainError:
    return DomainError(message, code="bad_scope")


def _terms(value, *, split_spaces: bool) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    terms: list[str] = []
    for item in items:
        text = unicodedata.normalize("NFKC", str(item or "")).strip()
        if not text:
            continue
        parts = SPLIT.split(text) if split_spaces else re.split(r"[\n,，、;；]+", text)
        terms.extend(part.strip() for part in parts if part.strip())
    seen: list[str] = []
    for term in terms:
        if term not in seen:
            seen.append(term)
    return seen


def normalise_ipc(text: str) -> str:
    """'h01f 1/057' → 'H01F1/057'; the result may still be malformed (checked by `parse`)."""
    return unicodedata.normalize("NFKC", text).upper().replace(" ", "")


def _ipc_terms(tokens: list[str]) -> list[str]:
    """IPC codes from tokens split on spaces: "H01F 1/057" (the standard form, with a space) is one code — a token
    starting with a digit continues the code before it."""
    codes: list[str] = []
    for token in tokens:
        if codes and token[:1].isdigit():
            codes[-1] += token
        else:
            codes.append(token)
    return list(dict.fromkeys(normalise_ipc(code) for code in codes))


def _year(value, label) -> int | None:
    if value in (None, ""):
        return None
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        raise _refuse(_("%(label)s must be a year such as 2015.") % {"label": label}) from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise _refuse(
            _("%(label)s must be a year between %(min)s and %(max)s.")
            % {"label": label, "min": YEAR_MIN, "max": YEAR_MAX}
        )
    return year


def _check_lengths(terms: list[str], label) -> None:
    if len(terms) > MAX_TERMS:
        raise _refuse(_("At most %(n)s %(label)s may be given.") % {"n": MAX_TERMS, "label": label})
    for term in terms:
        if len(term) > MAX_TERM_LENGTH:
            raise _refuse(
                _("“%(term)s…” is too long: a term has at most %(n)s characters.")
                % {"term": term[:20], "n": MAX_TERM_LENGTH}
            )


def _region_known(code: str) -> bool:
    if code in schema.PROVINCES:
        return True
    if re.fullmatch(r"15\d{4}", code):
        return True
    return bool(re.fullmatch(r"[A-Z]{2}", code))


def parse(data: dict) -> Scope:
    """A Scope from a dict of form or command values (see the module docstring); DomainError when it is bad."""
    ipc = _ipc_terms(_terms(data.get("ipc"), split_spaces=True))
    keywords = _terms(data.get("keywords"), split_spaces=True)
    applicants = _terms(data.get("applicants"), split_spaces=False)
    regions = [term.upper() for term in _terms(data.get("regions"), split_spaces=True)]
    _check_lengths(ipc, _("IPC codes"))
    _check_lengths(keywords, _("keywords"))
    _check_lengths(applicants, _("applicants"))
    _check_lengths(regions, _("regions"))
    for code in ipc:
        if not IPC_PREFIX.match(code):
            raise _refuse(
                _("“%(code)s” is not an IPC code or prefix (e.g. H01F, H01F1, H01F1/057).") % {"code": code[:20]}
            )
    for code in regions:
        if not _region_known(code):
            raise _refuse(_("“%(code)s” is not a province, prefecture or country code.") % {"code": code[:20]})
    year_from = _year(data.get("year_from"), _("The first year"))
    year_to = _year(data.get("year_to"), _("The last year"))
    if year_from is not None and year_to is not None and year_to < year_from:
        raise _refuse(
            _("The date range ends (%(to)s) before it starts (%(from)s).") % {"to": year_to, "from": year_from}
        )
    combine = str(data.get("combine") or "and").lower()
    if combine not in ("and", "or"):
        raise _refuse(_("Choose how IPC codes and keywords combine: both or either."))
    scope = Scope(tuple(ipc), tuple(keywords), tuple(applicants), year_from, year_to, tuple(regions), combine)
    if scope.is_empty:
        raise _refuse(_("Give at least one IPC code, keyword or applicant: an empty scope would be the whole dataset."))
    return scope


def from_saved(data: dict) -> Scope:
    """The Scope saved with a report (`Scope.as_dict()`), checked again."""
    return parse(data or {})


def _ipc_condition(prefix: str) -> str:
    # Inlined: `prefix` matched IPC_PREFIX (letters, digits and "/").
    if re.fullmatch(r"[A-H]\d{2}[A-Z]\d{1,4}", prefix):  # a main group: its codes only ("H01F1/…")
        test = f"starts_with(code, '{prefix}/')"
    else:
        test = f"starts_with(code, '{prefix}')"
    return f"len(list_filter(ipc, lambda code: {test})) > 0"


# Characters RE2 gives a meaning to, escaped in a keyword's pattern.
_RE2_SPECIAL = set("\\.^$|?*+()[]{}-")


TEXTS = ("title", "abstract", "claims")  # shortest first


def _keyword_test(word: str, column: str, params: list) -> str:
    """`word` in one text column. Without cased letters (Chinese) a plain substring test; with them a
    case-insensitive RE2 match of the literal word. Same result as lower()-ing the texts, without lower-casing
    10 million abstracts: DuckDB's lower() on Chinese text is ~8× slower than the RE2 match and ~15× slower than
    contains() (measured on 100 000 generated records; issue 19's speed targets)."""
    if word.lower() == word.upper():
        params.append(word)
        return f"contains({column}, ?)"
    params.append("(?i)" + "".join("\\" + ch if ch in _RE2_SPECIAL else ch for ch in word))
    return f"regexp_matches({column}, ?)"


def _keywords_condition(words: list[str], params: list) -> str:
    """Any of `words` in the title, abstract or claims, tested column by column: every keyword in the titles
    first, then in the abstracts of the records still unmatched, then in their claims. DuckDB evaluates an OR's
    terms in order, each on the rows the earlier ones left false, so a record matched in its title or abstract
    never has its claims (the longest text) searched. At 10 million records for 材料 OR 方法 (96 % matched by
    the abstracts) the scan took 7.4 s against 8.9 s keyword by keyword (2 cores, `bench/navigation`)."""
    return "(" + " OR ".join(_keyword_test(word, column, params) for column in TEXTS for word in words) + ")"


def split_sql(scope: Scope) -> tuple[tuple[str, list], tuple[str, list] | None]:
    """The scope's predicate in two parts, each `(sql, params)`: the conditions on the records' short columns (IPC
    codes, applicants, years, regions; `("", [])` when there is none), and the condition on their texts (the
    keywords; None without keywords). With `combine="or"` the IPC group goes with the texts: `(<IPC> OR
    <keywords>)`, the IPC group first, so that a record in it skips the texts (measured as fast as a CASE).

    A substring test of the title, abstract and claims costs ~10× an IPC, applicant, year or region test (10
    million records, 2 cores: `bench/navigation`); `navigation.matches` finds the records of the short columns
    first and reads the texts of those alone."""
    params: list = []
    short_tests: list[str] = []
    ipc_group = "(" + " OR ".join(_ipc_condition(code) for code in scope.ipc) + ")" if scope.ipc else ""
    if ipc_group and (scope.combine == "and" or not scope.keywords):
        short_tests.append(ipc_group)
    if scope.applicants:
        tests = []
        for name in scope.applicants:
            tests.append("len(list_filter(applicants, lambda a: contains(lower(a), ?))) > 0")
            params.append(name.lower())
        short_tests.append("(" + " OR ".join(tests) + ")")
    if scope.year_from is not None:
        short_tests.append("filing_year >= ?")
        params.append(scope.year_from)
    if scope.year_to is not None:
        short_tests.append("filing_year <= ?")
        params.append(scope.year_to)
    if scope.regions:
        tests = []
        for code in scope.regions:
            if code in schema.PROVINCES:
                tests.append("(country = 'CN' AND province = ?)")
            elif re.fullmatch(r"15\d{4}", code):
                tests.append("prefecture = ?")
            else:
                tests.append("country = ?")
            params.append(code)
        short_tests.append("(" + " OR ".join(tests) + ")")
    short = (" AND ".join(short_tests), params)
    if not scope.keywords:
        return short, None
    text_params: list = []
    texts = _keywords_condition(scope.keywords, text_params)
    if ipc_group and scope.combine == "or":  # the IPC codes first: a record in the group skips the texts
        texts = f"({ipc_group} OR {texts})"
    return short, (texts, text_params)


def where_sql(scope: Scope) -> tuple[str, list]:
    """The predicate of the scope over the records (no leading WHERE) and its parameters: `split_sql`'s two parts
    as one, the texts tested only where the short columns hold (`CASE WHEN <short> THEN <texts> ELSE false END`:
    DuckDB orders the terms of an AND by its own estimate of their cost, which puts the texts first)."""
    (short, params), texts = split_sql(scope)
    if texts is None:
        return short or "TRUE", params
    if not short:
        return texts
    return f"(CASE WHEN {short} THEN {texts[0]} ELSE false END)", [*params, *texts[1]]


def strategy(scope: Scope) -> str:
    """The search expression in the form patent searchers write (for the report's readers)."""
    groups = []
    if scope.ipc:
        groups.append("IPC=(" + " OR ".join(scope.ipc) + ")")
    if scope.keywords:
        groups.append(_("title/abstract/claims") + "=(" + " OR ".join(scope.keywords) + ")")
    parts = []
    if groups:
        joiner = " AND " if scope.combine == "and" else " OR "
        parts.append("(" + joiner.join(groups) + ")" if len(groups) > 1 else groups[0])
    if scope.applicants:
        parts.append(_("applicant") + "=(" + " OR ".join(scope.applicants) + ")")
    if scope.year_from is not None or scope.year_to is not None:
        parts.append(_("filing year") + f"={scope.year_from or ''}–{scope.year_to or ''}")
    if scope.regions:
        parts.append(_("region") + "=(" + " OR ".join(scope.regions) + ")")
    return " AND ".join(parts)
