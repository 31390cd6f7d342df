"""The import's pages: upload → preview → confirm (the job run as the worker would) → counts; a refusal shown with
its rows; the list and preview pages cost a constant number of queries."""

import pytest
from django.urls import reverse

from apps.patents import imports
from apps.patents.models import ImportBatch, Patent
from tests.query_counts import assert_flat

from . import exports
from .imports_setup import center, incopat, run, upload

pytestmark = pytest.mark.django_db


def test_upload_preview_confirm_and_done(world, client_for):
    c = center(world)
    client = client_for("unit_admin")
    response = client.post(reverse("patents:imports", args=[c.pk]), {"file": incopat(3)})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    page = client.get(batch.get_absolute_url())
    text = page.content.decode()
    assert "申请号" in text and exports.defaults(0)["title"] in text
    client.post(reverse("patents:import_confirm", args=[c.pk, batch.pk]))
    progress = client.get(reverse("patents:import_progress", args=[c.pk, batch.pk]))
    assert b"<progress" in progress.content
    run(batch.pk)
    done = client.get(reverse("patents:import_progress", args=[c.pk, batch.pk]), headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"
    assert Patent.objects.count() == 3
    assert "3" in client.get(batch.get_absolute_url()).content.decode()


def test_a_bad_upload_shows_the_chinese_message_and_keeps_nothing(world, client_for):
    c = center(world)
    response = client_for("unit_admin").post(reverse("patents:imports", args=[c.pk]), {"file": upload(b"", "a.xlsx")})
    assert response.status_code == 200
    assert "空" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_a_refused_import_names_its_rows(world, client_for):
    c = center(world)
    user = world.user("unit_admin")
    batch = imports.import_upload(user, c, upload(exports.incopat_xlsx([{}, {"number": "CN201611162814.5"}])))
    imports.import_confirm(user, batch)
    run(batch.pk)
    text = client_for("unit_admin").get(batch.get_absolute_url()).content.decode()
    assert "201611162814.5" in text and "申请号" in text


def test_the_mapping_form_saves_and_refuses_a_missing_required_field(world, client_for):
    c = center(world)
    batch = imports.import_upload(world.user("unit_admin"), c, incopat(2))
    client = client_for("unit_admin")
    data = {f"column_{i}": key for key, i in batch.mapping.items() if key != "title"}
    response = client.post(reverse("patents:import_mapping", args=[c.pk, batch.pk]), data)
    assert response.status_code == 200
    batch.refresh_from_db()
    assert "title" in batch.mapping


def test_the_list_is_flat(world, client_for):
    c = center(world)
    user = world.user("unit_admin")
    client = client_for("unit_admin")

    def grow():
        for i in range(3):
            batch = imports.import_upload(user, c, incopat(1, name=f"f{i}.xlsx"))
            imports.import_cancel(user, batch)

    imports.import_cancel(user, imports.import_upload(user, c, incopat(1)))
    assert_flat(client, reverse("patents:imports", args=[c.pk]), grow=grow)


def test_the_preview_is_flat(world, client_for):
    c = center(world)
    user = world.user("unit_admin")
    client = client_for("unit_admin")
    first = imports.import_upload(user, c, incopat(2))
    imports.template_save(user, first, "模板一")

    def grow():
        for i in range(3):
            imports.template_save(user, first, f"模板{i + 2}")

    assert_flat(client, first.get_absolute_url(), grow=grow)
