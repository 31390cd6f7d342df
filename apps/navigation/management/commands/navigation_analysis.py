"""`python manage.py navigation_analysis --dataset NAME [--center ID] [--ipc PREFIX]... [--keyword WORD]...
[--applicant NAME]... [--region CODE]... [--from YEAR] [--to YEAR] [--combine and|or] [--json]` (issue 19,
"Scriptable too"): every analysis of a scope (`analyses.run_all`), so that other tools and checks read the same
figures the report pages show.

`--json` prints run_all's result as JSON (UTF-8, Chinese as is); without it, a short summary in Chinese (records,
CAGR and stage, top applicants, CR4/HHI, top subclasses, legal status, Inner Mongolia's share). `--dataset` is the
dataset's name (`--center` when two centers use the same name). Exit status 2 with the Chinese reason on stderr:
no such dataset, a name shared by several centers, a bad scope (`scope.parse`), a dataset not ready."""

import json

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from apps.core.errors import DomainError


class Command(BaseCommand):
    help = "Print every navigation analysis of a scope of a landscape dataset (JSON with --json)."

    def add_arguments(self, parser):
        parser.add_argument("--dataset", required=True, help="the dataset's name")
        parser.add_argument("--center", type=int, default=None, help="the center's id (when names repeat)")
        parser.add_argument("--ipc", action="append", default=[], help="an IPC prefix (repeatable)")
        parser.add_argument("--keyword", action="append", default=[], help="a keyword (repeatable)")
        parser.add_argument("--applicant", action="append", default=[], help="an applicant's name (repeatable)")
        parser.add_argument("--region", action="append", default=[], help="a province/prefecture/country code")
        parser.add_argument("--from", dest="year_from", default=None, help="first filing year")
        parser.add_argument("--to", dest="year_to", default=None, help="last filing year")
        parser.add_argument("--combine", default="and", help="IPC and keywords: and (both) / or (either)")
        parser.add_argument("--json", action="store_true", help="print the analyses as JSON")

    def handle(self, *args, **options):
        translation.activate("zh-hans")
        from ... import analyses
        from ... import scope as scopes
        from ...models import LandscapeDataset

        try:
            datasets = LandscapeDataset.objects.filter(name=options["dataset"])
            if options["center"] is not None:
                datasets = datasets.filter(center_id=options["center"])
            found = list(datasets[:2])
            if not found:
                raise DomainError(_("No landscape dataset is called “%(name)s”.") % {"name": options["dataset"][:100]})
            if len(found) > 1:
                raise DomainError(
                    _("Several centers have a dataset called “%(name)s”: name the center with --center.")
                    % {"name": options["dataset"][:100]}
                )
            scope = scopes.parse(
                {
                    "ipc": options["ipc"],
                    "keywords": options["keyword"],
                    "applicants": options["applicant"],
                    "regions": options["region"],
                    "year_from": options["year_from"],
                    "year_to": options["year_to"],
                    "combine": options["combine"],
                }
            )
            results = analyses.run_all(found[0], scope)
        except DomainError as exc:
            self.stderr.write(str(exc.message))
            raise SystemExit(2) from None
        if options["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False))
            return
        self._summary(found[0], scope, results)

    def _summary(self, dataset, scope, results):
        from ... import scope as scopes

        out = self.stdout.write
        trend = results["trend"]
        applicants = results["applicants"]
        out(
            _("Dataset: %(name)s (%(source)s), records in scope: %(total)s")
            % {"name": dataset.name, "source": dataset.source, "total": results["total"]}
        )
        out(_("Search strategy: %(strategy)s") % {"strategy": scopes.strategy(scope)})
        if trend["cagr"] is not None:
            out(
                _("Applications grew %(cagr).1f %% a year from %(first)s to %(last)s.")
                % {"cagr": trend["cagr"] * 100, "first": trend["cagr_from"], "last": trend["cagr_to"]}
            )
        out(_("Technology life cycle: %(stage)s") % {"stage": trend["stage_label"]})
        out(_("CR4: %(cr4).1f %%, HHI: %(hhi).0f") % {"cr4": applicants["cr4"] * 100, "hhi": applicants["hhi"]})
        out(_("Top applicants:"))
        for item in applicants["top"][:10]:
            out(f"  {item['name']}  {item['count']}  {item['type_label']}")
        out(_("Top IPC subclasses:"))
        for item in results["ipc"]["subclasses"][:10]:
            out(f"  {item['code']}  {item['count']}")
        out(_("Legal status:"))
        for item in results["legal_status"]:
            out(f"  {item['label']}  {item['count']}")
        region = results["inner_mongolia"]
        if region["share"] is not None:
            out(
                _("Inner Mongolia: %(region)s of %(nation)s Chinese records (%(share).1f %%), rank %(rank)s of %(of)s.")
                % {
                    "region": region["region_count"],
                    "nation": region["nation_count"],
                    "share": region["share"] * 100,
                    "rank": region["rank"] or "—",
                    "of": region["provinces_ranked"],
                }
            )
