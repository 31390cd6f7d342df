"""The utilization part's create view for tests/test_double_submit.py: recording an event (with its evidence file,
built again for the replay)."""

import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

_serial = itertools.count()


def _setup():
    from tests.test_double_submit import Setup

    return Setup


def _evidence():
    from apps.attachments.tests.samples import pdf_bytes

    return SimpleUploadedFile("许可合同.pdf", pdf_bytes(f"double {next(_serial)}"), content_type="application/pdf")


def event(w):
    from apps.patents.models import Exploitation

    from . import utilization_setup as setup

    center = setup.center(w)
    patent = setup.granted(center)
    url = reverse("patents:utilization_new", args=[center.pk])
    return _setup()(url, url, lambda c: {**setup.licence_data(patent), "evidence": _evidence()},
                    Exploitation.objects.count, fresh=True)  # fmt: skip


def cases(Case) -> list:
    return [Case("patents:utilization_new", "unit_admin", event)]
