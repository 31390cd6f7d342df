"""A unit's registration request enqueues the email to its prefecture office; the real worker delivers it."""

from django.core import mail
from django.urls import reverse

from apps.notifications.tests.test_worker import run_worker_batch, worker_db
from apps.organizations.credit_code import with_check_character


@worker_db
def test_registration_request_enqueues_an_email_the_worker_delivers(world, client, django_capture_on_commit_callbacks):
    client.get(reverse("accounts:register"))
    answer = client.session["human_check:register"]["a"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:register"),
            {
                "name": "新单位",
                "credit_code": with_check_character("91150100MA0N99999"),
                "kind": "enterprise",
                "prefecture": world.prefecture.pk,
                "is_legal_person": "on",
                "username": "newunit",
                "full_name": "赵六",
                "email": "z@example.cn",
                "phone": "13900000000",
                "password": "Strong-Pass-2026",
                "password2": "Strong-Pass-2026",
                "human_check": answer,
            },
        )
    assert response.status_code == 302
    run_worker_batch()
    assert [m.to for m in mail.outbox] == [[world.user("prefecture_officer").email]]
