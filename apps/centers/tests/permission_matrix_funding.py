"""The funding ledger's URLs against every actor of the world (tests/world.py).

The center belongs to the world's unit (prefecture A) and has the other prefecture's unit (unit_admin_other) as a
current partner; its contract is in force. So:
- the ledger, an entry and the center's export: its units, its partner, its prefecture office and the region see
  them; everyone else gets a 404 (the center does not exist for them);
- allocations, clawbacks, repayments and their corrections: the region only (403 for the others who see the center);
- expenditure and matched funds and their corrections: the lead unit (administrator and member) only; a partner
  sees but does not act for the lead unit;
- every center's ledger of a year: the region only (403; there is no object to hide)."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.permissions import EVERY_LOGGED_IN, Row

PARTNER = "unit_admin_other"
SEES = {"unit_admin", "unit_member", "prefecture_officer", "regional_officer", PARTNER}
HIDE = EVERY_LOGGED_IN - SEES
REGION = {"regional_officer"}
LEAD_UNIT = {"unit_admin", "unit_member"}


def _center(w):
    from .funding_setup import with_partner

    return with_partner(w, w.org_other)


def _ledger(w):
    return {"pk": _center(w).pk}


def _entry(kind):
    """A center with an allocation, an expenditure and a clawback; the kwargs of the entry of `kind`."""

    def make(w):
        from apps.centers import funding
        from apps.core import clock

        center = _center(w)
        region, unit = w.user("regional_officer"), w.user("unit_admin")
        day = clock.today() - timedelta(days=1)
        entries = {
            "allocation": funding.allocate(
                region, center, tranche_number=1, amount="100000", occurred_on=day, document_number="文号"
            )
        }
        entries["expenditure"] = funding.report_expenditure(
            unit, center, category="人员", amount="100", occurred_on=day, description="劳务", voucher=_voucher(w)
        )
        entries["clawback"] = funding.clawback(region, center, amount="500", reason="违规列支", due_on=clock.today())
        return {"pk": center.pk, "entry_pk": entries[kind].pk}

    return make


def _voucher(w):
    from itertools import count

    from apps.attachments.tests.samples import pdf_bytes

    _voucher.serial = getattr(_voucher, "serial", count())
    return SimpleUploadedFile("发票.pdf", pdf_bytes(f"matrix {next(_voucher.serial)}"), content_type="application/pdf")


def _today():
    from apps.core import clock

    return (clock.today() - timedelta(days=1)).isoformat()


def _allocation_data(w):
    return {"tranche_number": "1", "amount": "1000", "occurred_on": _today(), "document_number": "内市监发〔2026〕1号"}


def _expenditure_data(w):
    return {
        "category": "人员",
        "amount": "10",
        "occurred_on": _today(),
        "description": "劳务费",
        "voucher": _voucher(w),
    }


def _matched_data(w):
    return {"amount": "10", "occurred_on": _today(), "description": "自筹"}


def _clawback_data(w):
    from apps.core import clock

    return {"amount": "1", "reason": "违规", "due_on": clock.today().isoformat()}


def _receipt_data(w):
    from apps.core import clock

    return {"amount": "1", "occurred_on": clock.today().isoformat()}


def _reason(w):
    return {"reason": "录入错误"}


def _year(w):
    from apps.core import clock

    return {"year": clock.today().year}


MATRIX = [
    Row("centers:funding", _ledger, allow=SEES, hide=HIDE),
    Row("centers:funding", _ledger, allow=SEES, hide=HIDE, query="year=2026&page=2", note="year"),
    Row("centers:funding_allocate", _ledger, allow=REGION, hide=HIDE),
    Row("centers:funding_allocate", _ledger, allow=REGION, hide=HIDE, method="post", data=_allocation_data),
    Row("centers:funding_expenditure", _ledger, allow=LEAD_UNIT, hide=HIDE),
    Row("centers:funding_expenditure", _ledger, allow=LEAD_UNIT, hide=HIDE, method="post", data=_expenditure_data),
    Row("centers:funding_matched", _ledger, allow=LEAD_UNIT, hide=HIDE),
    Row("centers:funding_matched", _ledger, allow=LEAD_UNIT, hide=HIDE, method="post", data=_matched_data),
    Row("centers:funding_clawback", _ledger, allow=REGION, hide=HIDE),
    Row("centers:funding_clawback", _ledger, allow=REGION, hide=HIDE, method="post", data=_clawback_data),
    Row("centers:funding_entry", _entry("expenditure"), allow=SEES, hide=HIDE),
    Row("centers:funding_entry", _entry("clawback"), allow=SEES, hide=HIDE, note="clawback"),
    Row(
        "centers:funding_correct",
        _entry("expenditure"),
        allow=LEAD_UNIT,
        hide=HIDE,
        method="post",
        data=_reason,
        note="expenditure",
    ),
    Row(
        "centers:funding_correct",
        _entry("allocation"),
        allow=REGION,
        hide=HIDE,
        method="post",
        data=_reason,
        note="allocation",
    ),
    Row("centers:funding_receive", _entry("clawback"), allow=REGION, hide=HIDE, method="post", data=_receipt_data),
    Row("centers:funding_export", _ledger, allow=SEES, hide=HIDE),
    Row("centers:funding_export_year", _year, allow=REGION),
]
