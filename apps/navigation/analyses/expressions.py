"""SQL expressions over a record's columns (`schema.COLUMNS`) that the analyses group by and the drill-down
(`navigation.drilldown`) filters on, written once so that the patents behind a figure are exactly the ones counted.

- `FIRST_TYPE`: the type of the record's first applicant (`schema.APPLICANT_TYPES`); "other" when it is missing or
  not one of them (a record with no applicant is "other" too), so the types add up to the records in scope;
- `SUBCLASSES`: the distinct IPC subclasses of a record ("H01F1/057" → "H01F"), every code counted, each subclass
  once per record;
- `LEGAL_STATUS`: `legal_status` when it is a `Patent.LegalStatus` value, else "unknown";
- `IN_CHINA`, `IN_INNER_MONGOLIA`: the first applicant is Chinese / in Inner Mongolia (province "15")."""

from apps.patents.models import Patent

from .. import schema

UNKNOWN = "unknown"

FIRST_TYPE = schema.FIRST_TYPE  # also written into each version's file (`schema.DERIVED`)
SUBCLASSES = schema.SUBCLASSES

LEGAL_STATUSES = tuple(Patent.LegalStatus.values)
_STATUSES = ", ".join(f"'{value}'" for value in LEGAL_STATUSES)
LEGAL_STATUS = f"CASE WHEN legal_status IN ({_STATUSES}) THEN legal_status ELSE '{UNKNOWN}' END"

IN_CHINA = "country = 'CN'"
IN_INNER_MONGOLIA = f"(country = 'CN' AND province = '{schema.INNER_MONGOLIA}')"
