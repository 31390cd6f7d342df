"""The one POST action shape (apps/core/actions.py): `post_action`, `form_page`, `errors_on_form` and
`delete_action`; and `errors.full_clean`, a model's own validation as one DomainError."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory

from apps.core.actions import delete_action, form_page
from apps.core.errors import DomainError, full_clean


class NameForm(forms.Form):
    name = forms.CharField(label="名称", max_length=10)


def _request(method="get", data=None):
    factory = RequestFactory()
    request = factory.post("/x/", data or {}) if method == "post" else factory.get("/x/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _page(form):
    return HttpResponse(f"page {form.is_bound} {form.errors.as_text()}")


def _refuse(data):
    raise DomainError("不行")


def _messages(request) -> list[str]:
    return [str(m) for m in get_messages(request)]


def test_form_page_shows_the_page_on_get_and_runs_nothing():
    request = _request()
    response = form_page(request, form=NameForm(None), page=_page, run=_refuse, success="好", redirect_to="/done/")
    assert response.status_code == 200 and response.content.decode().startswith("page False")


def test_form_page_redirects_with_the_message_when_the_service_succeeds():
    request = _request("post", {"name": "甲"})
    seen = []
    response = form_page(
        request,
        form=NameForm(request.POST),
        page=_page,
        run=lambda data: seen.append(data["name"]) or "甲",
        success=lambda name: f"{name}已保存",
        redirect_to=lambda name: f"/done/{len(name)}/",
    )
    assert response.status_code == 302 and response["Location"] == "/done/1/"
    assert seen == ["甲"] and _messages(request) == ["甲已保存"]


def test_a_refusal_is_a_message_and_the_page_again_with_the_bound_form():
    request = _request("post", {"name": "甲"})
    response = form_page(
        request, form=NameForm(request.POST), page=_page, run=_refuse, success="好", redirect_to="/done/"
    )
    assert response.status_code == 200 and response.content.decode().startswith("page True")
    assert _messages(request) == ["不行"]


@pytest.mark.parametrize(("where", "field"), [(True, "__all__"), ("name", "name")])
def test_errors_on_form_put_the_refusal_in_the_form_not_in_a_message(where, field):
    request = _request("post", {"name": "甲"})
    form = NameForm(request.POST)
    response = form_page(
        request, form=form, page=_page, run=_refuse, success="好", redirect_to="/done/", errors_on_form=where
    )
    assert response.status_code == 200 and form.errors[field] == ["不行"]
    assert _messages(request) == []


def test_errors_on_form_an_invalid_form_shows_its_own_errors_only():
    request = _request("post", {"name": ""})
    form = NameForm(request.POST)
    form_page(request, form=form, page=_page, run=_refuse, success="好", redirect_to="/done/", errors_on_form=True)
    assert "name" in form.errors and _messages(request) == []


def test_without_errors_on_form_an_invalid_form_is_one_message_naming_the_field():
    request = _request("post", {"name": ""})
    form_page(request, form=NameForm(request.POST), page=_page, run=_refuse, success="好", redirect_to="/done/")
    assert _messages(request) and _messages(request)[0].startswith("名称：")


class _Stub:
    """What `full_clean` needs of a model instance: its validation and its fields' verbose names."""

    class _meta:  # the model API's name
        @staticmethod
        def get_field(name):
            return type("Field", (), {"verbose_name": {"title": "标题"}[name]})

    def full_clean(self, exclude=None):
        from django.core.exceptions import ValidationError

        raise ValidationError({"title": ["不能为空。"], "__all__": ["日期有误。"]})


def test_full_clean_gives_each_field_label_and_its_errors_as_one_domain_error():
    with pytest.raises(DomainError) as refused:
        full_clean(_Stub())
    assert refused.value.message == "标题：不能为空；日期有误。"


# ---------------------------------------------------------------- delete_action


class ReasonForm(forms.Form):
    reason = forms.CharField(label="删除原因", max_length=20)


class _Rows:
    """What a delete view works on: rows by pk; `delete` refuses a locked row as a service does."""

    def __init__(self, **rows):
        self.rows = dict(rows)
        self.reasons = []

    def find(self, pk):
        return self.rows.get(pk)

    def delete(self, row, reason):
        if row.get("locked"):
            raise DomainError(f"{row['name']}已被验收采用，不能删除。")
        del self.rows[row["pk"]]
        self.reasons.append(reason)


def _delete(request, rows, pk, *, render_again=True):
    return delete_action(
        request,
        find=lambda: rows.find(pk),
        form=ReasonForm(request.POST),
        run=lambda row, data: rows.delete(row, data["reason"]),
        success=lambda row: f"{row['name']}已删除。",
        gone="该记录已被删除。",
        redirect_to="/rows/",
        render_again=(lambda row, form: HttpResponse(f"row {row['name']} {form['reason'].value()}"))
        if render_again
        else None,
    )


def test_delete_action_deletes_with_the_reason_and_names_what_it_deleted():
    rows = _Rows(a={"pk": "a", "name": "甲"})
    request = _request("post", {"reason": "重复录入"})
    response = _delete(request, rows, "a")
    assert response.status_code == 302 and response["Location"] == "/rows/"
    assert rows.rows == {} and rows.reasons == ["重复录入"]
    assert _messages(request) == ["甲已删除。"]


def test_delete_action_on_a_gone_row_says_so_and_changes_nothing():
    rows = _Rows(b={"pk": "b", "name": "乙"})
    request = _request("post", {"reason": ""})  # not even a valid form: the row is gone, nothing to refuse
    response = _delete(request, rows, "a")
    assert response.status_code == 302 and response["Location"] == "/rows/"
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [("info", "该记录已被删除。")]
    assert set(rows.rows) == {"b"} and rows.reasons == []


def test_delete_action_sent_twice_deletes_once_then_says_it_is_gone():
    rows = _Rows(a={"pk": "a", "name": "甲"})
    first, second = _request("post", {"reason": "重复录入"}), _request("post", {"reason": "重复录入"})
    _delete(first, rows, "a")
    _delete(second, rows, "a")
    assert rows.reasons == ["重复录入"] and _messages(second) == ["该记录已被删除。"]


def test_delete_action_an_invalid_form_is_refused_the_page_again_and_nothing_changed():
    rows = _Rows(a={"pk": "a", "name": "甲"})
    request = _request("post", {"reason": ""})
    response = _delete(request, rows, "a")
    assert response.status_code == 200 and response.content.decode() == "row 甲 "
    assert "a" in rows.rows and rows.reasons == []
    assert [(m.level_tag, str(m)) for m in get_messages(request)] == [("error", "删除原因：这个字段是必填项。")]


def test_delete_action_a_refusal_is_its_message_with_what_was_typed_kept():
    rows = _Rows(a={"pk": "a", "name": "甲", "locked": True})
    request = _request("post", {"reason": "录错了"})
    response = _delete(request, rows, "a")
    assert response.status_code == 200 and response.content.decode() == "row 甲 录错了"
    assert "a" in rows.rows and _messages(request) == ["甲已被验收采用，不能删除。"]


def test_delete_action_without_render_again_goes_back_with_the_refusal():
    rows = _Rows(a={"pk": "a", "name": "甲", "locked": True})
    request = _request("post", {"reason": "录错了"})
    response = _delete(request, rows, "a", render_again=False)
    assert response.status_code == 302 and response["Location"] == "/rows/"
    assert "a" in rows.rows and _messages(request) == ["甲已被验收采用，不能删除。"]
