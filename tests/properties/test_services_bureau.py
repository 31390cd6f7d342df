"""The bureau's services that take typed values beyond the first ones (test_services.py: task_create, question_ask,
document_create) — a task edited, a prefecture's part reported, submitted, returned; questions answered, published,
unpublished, closed; showcases written, proposed, edited, declined, withdrawn; a policy document's draft edited;
and the cleaners of articles and figures — called by the actor of the standard world whose work it is, with
generated hostile values (issue 22).

The property is tests/properties/property.py's: accepted, the stored text is what was typed, normalised; refused, a
DomainError/ValidationError in Chinese and the bureau's rows, the messages and the audit trail as before. Anything
else raised is a fault. The object each test needs (a task's part, a question, a showcase, a draft) is built once,
in a fixture, in the state the service acts on; each example reads it again and runs in a savepoint rolled back
at its end."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apps.core.errors import DomainError

from . import strategies as hs
from .property import attempt, check_reason, check_text, fresh, rolled_back, tables_of

pytestmark = pytest.mark.django_db

ARTICLES_TYPED = st.one_of(
    hs.hostile_text(long=False),
    st.sampled_from(["第一条", "19", "第19条", "第二十条", "0", "-1", "9" * 5000, "１９", "٣", "第 5 条", ""]),
)


def _bureau():
    return tables_of("bureau")


# ---------------------------------------------------------------- the cleaners (no database)


@hs.profile(examples=6)
@given(value=ARTICLES_TYPED, values=st.lists(ARTICLES_TYPED, max_size=4))
def test_article_and_articles_clean(value, values):
    from apps.bureau import services_documents, services_questions

    for clean, typed in ((services_questions.article_clean, value), (services_documents.articles_clean, values)):
        try:
            clean(typed)
        except DomainError as exc:
            assert hs_chinese(exc.message)


def hs_chinese(message) -> bool:
    from .property import CHINESE

    return bool(CHINESE.search(str(message)))


def figure_rows():
    return st.lists(
        st.fixed_dictionaries(
            {"label": hs.hostile_text(long=False), "value": hs.money(), "unit": hs.hostile_text(long=False)}
        ),
        max_size=4,
    )


@hs.profile(examples=6)
@given(rows=st.one_of(figure_rows(), st.just([None, {}]), st.just([{"label": "专利", "value": "1"}] * 12)))
def test_figures_clean(rows):
    from apps.bureau import services_showcases

    try:
        cleaned = services_showcases.figures_clean(rows)
    except DomainError as exc:
        assert hs_chinese(exc.message)
    else:
        for row in cleaned:
            assert row["label"] and row["value"]


# ---------------------------------------------------------------- tasks and a prefecture's part (Art. 5)


@pytest.fixture
def task(world):
    from apps.bureau.tests.matrix_tasks import draft

    return draft(world)


@hs.profile(examples=5)
@given(title=hs.hostile_text(), requirements=hs.hostile_text(), deadline=hs.dates())
def test_task_update(world, task, title, requirements, deadline):
    from apps.bureau import services_tasks

    with rolled_back():
        updated = attempt(
            lambda: services_tasks.task_update(
                world.user("regional_officer"), fresh(task), title=title, requirements=requirements, deadline=deadline
            ),
            tables=_bureau(),
        )
        if updated:
            check_text(updated, {"title": title, "requirements": requirements}, one_line={"title"})
        else:
            assert (fresh(task).title, fresh(task).deadline) == (task.title, task.deadline)


@pytest.fixture
def part(world):
    """Prefecture A's part of an issued task, acknowledged."""
    from apps.bureau.tests.matrix_tasks import acknowledged

    return acknowledged(world)


@hs.profile(examples=5)
@given(progress=hs.hostile_text(), result=hs.hostile_text())
def test_assignment_report_and_submit(world, part, progress, result):
    from apps.bureau import services_tasks

    officer = world.user("prefecture_officer")
    with rolled_back():
        report = attempt(
            lambda: services_tasks.assignment_report(officer, fresh(part), text=progress), tables=_bureau()
        )
        if report:
            check_text(report, {"text": progress})
        submitted = attempt(
            lambda: services_tasks.assignment_submit(officer, fresh(part), result=result), tables=_bureau()
        )
        if submitted:
            check_text(submitted, {"result": result})


@pytest.fixture
def submitted_part(world):
    from apps.bureau.tests.matrix_tasks import submitted

    return submitted(world)


@hs.profile(examples=5)
@given(reason=hs.hostile_text(), action=st.sampled_from(["return", "return", "accept", "<b>", ""]))
def test_assignment_return_and_act(world, submitted_part, reason, action):
    from apps.bureau import services_tasks

    region = world.user("regional_officer")
    with rolled_back():
        returned = attempt(
            lambda: services_tasks.assignment_return(region, fresh(submitted_part), reason=reason), tables=_bureau()
        )
        if returned:
            check_text(returned, {"return_reason": reason})
    with rolled_back():
        if attempt(
            lambda: services_tasks.assignment_act(region, fresh(submitted_part), action, reason=reason),
            tables=_bureau(),
        ):
            check_reason(action, reason if action == "return" else "")


# ---------------------------------------------------------------- policy questions (Art. 19)


@pytest.fixture
def asked(world):
    from apps.bureau.tests.matrix_questions import asked

    return asked(world)


@pytest.fixture
def published(world):
    from apps.bureau.tests.matrix_questions import published

    return published(world)


@hs.profile(examples=5)
@given(answer=hs.hostile_text(), again=hs.hostile_text(), wording=st.tuples(hs.hostile_text(), hs.hostile_text()))
def test_question_answer_update_publish(world, asked, answer, again, wording):
    from apps.bureau import services_questions

    region = world.user("regional_officer")
    with rolled_back():
        answered = attempt(
            lambda: services_questions.question_answer(region, fresh(asked), answer=answer), tables=_bureau()
        )
        if not answered:
            return
        check_text(answered, {"answer": answer})
        updated = attempt(
            lambda: services_questions.question_answer_update(region, fresh(asked), answer=again), tables=_bureau()
        )
        if updated:
            check_text(updated, {"answer": again})
        public_question, public_answer = wording
        shown = attempt(
            lambda: services_questions.question_publish(
                region, fresh(asked), public_question=public_question, public_answer=public_answer
            ),
            tables=_bureau(),
        )
        if shown:
            check_text(shown, {"public_question": public_question, "public_answer": public_answer})


@hs.profile(examples=5)
@given(reason=hs.hostile_text(), action=st.sampled_from(["unpublish", "close", "<b>", ""]))
def test_question_unpublish_close_act(world, asked, published, reason, action):
    from apps.bureau import services_questions

    region = world.user("regional_officer")
    with rolled_back():
        if attempt(lambda: services_questions.question_unpublish(region, fresh(published), reason), tables=_bureau()):
            check_reason("unpublish", reason)
    with rolled_back():
        if attempt(lambda: services_questions.question_close(region, fresh(asked), reason), tables=_bureau()):
            check_reason("close", reason)
    with rolled_back():
        attempt(
            lambda: services_questions.question_act(region, fresh(published), action, reason=reason), tables=_bureau()
        )


# ---------------------------------------------------------------- showcases (Art. 19)


@pytest.fixture
def showcase_center(world):
    from apps.bureau.tests.matrix_showcases import center

    return center(world)


@hs.profile(examples=5)
@given(
    title=hs.hostile_text(),
    summary=hs.hostile_text(),
    body=hs.hostile_text(),
    figures=st.one_of(figure_rows(), st.just([])),
    who=st.sampled_from(["create", "propose", "update"]),
)
def test_showcase_create_propose_update(world, showcase_center, title, summary, body, figures, who):
    from apps.bureau import services_showcases
    from apps.bureau.tests.matrix_showcases import draft

    content = {"title": title, "summary": summary, "body": body, "figures": figures}
    with rolled_back():
        if who == "create":
            made = attempt(
                lambda: services_showcases.showcase_create(
                    world.user("regional_officer"), center=showcase_center, **content
                ),
                tables=_bureau(),
            )
        elif who == "propose":
            made = attempt(
                lambda: services_showcases.showcase_propose(
                    world.user("unit_admin"), center=showcase_center, **content
                ),
                tables=_bureau(),
            )
        else:
            showcase = draft(world)
            made = attempt(
                lambda: services_showcases.showcase_update(
                    world.user("regional_officer"), fresh(showcase), center=showcase_center, **content
                ),
                tables=_bureau(),
            )
        if made:
            check_text(made, {"title": title, "summary": summary, "body": body}, one_line={"title", "summary"})


@pytest.fixture
def proposed(world, showcase_center):
    from apps.bureau.tests.matrix_showcases import proposal

    return proposal(world)


@pytest.fixture
def shown(world, showcase_center):
    from apps.bureau.tests.matrix_showcases import published

    return published(world)


@hs.profile(examples=5)
@given(reason=hs.hostile_text(), action=st.sampled_from(["decline", "withdraw", "adopt", "publish", "<b>"]))
def test_showcase_decline_withdraw_act(world, proposed, shown, reason, action):
    from apps.bureau import services_showcases

    region = world.user("regional_officer")
    with rolled_back():
        declined = attempt(
            lambda: services_showcases.showcase_decline(region, fresh(proposed), reason), tables=_bureau()
        )
        if declined:
            check_text(declined, {"decision_reason": reason})
    with rolled_back():
        withdrawn = attempt(
            lambda: services_showcases.showcase_withdraw(region, fresh(shown), reason), tables=_bureau()
        )
        if withdrawn:
            check_text(withdrawn, {"decision_reason": reason})
    target = shown if action == "withdraw" else proposed
    with rolled_back():
        attempt(lambda: services_showcases.showcase_act(region, fresh(target), action, reason=reason), tables=_bureau())


# ---------------------------------------------------------------- a policy document's draft (Art. 6(3))


@pytest.fixture
def document_draft(world):
    from apps.bureau.tests.matrix_documents import draft

    return draft(world)


@hs.profile(examples=5)
@given(
    doc_number=hs.hostile_text(long=False),
    effective_on=st.one_of(st.none(), hs.dates()),
    articles=st.lists(ARTICLES_TYPED, max_size=3),
    summary=hs.hostile_text(),
    body=hs.hostile_text(),
    change_note=hs.hostile_text(long=False),
)
def test_draft_update(world, document_draft, doc_number, effective_on, articles, summary, body, change_note):
    from apps.bureau import services_documents

    with rolled_back():
        saved = attempt(
            lambda: services_documents.draft_update(
                world.user("regional_officer"),
                fresh(document_draft),
                doc_number=doc_number,
                effective_on=effective_on,
                articles=articles,
                summary=summary,
                body=body,
                change_note=change_note,
            ),
            tables=_bureau(),
        )
        if saved:
            typed = {"doc_number": doc_number, "summary": summary, "body": body, "change_note": change_note}
            check_text(saved, typed, one_line={"doc_number", "summary", "change_note"})
