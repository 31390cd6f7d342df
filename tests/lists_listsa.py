"""More lists for tests/test_lists.py (issue 21, `apps.core.listing`): the public register of centers, the bureau's
documents, showcases, questions and tasks, the evaluation rounds. `CASES` is added to tests/test_lists.py's table;
see tests/lists.py (`Case`) for what each row means."""

from tests.lists import Case, url_of


def _register(world, texts):
    from apps.centers.tests.factories import center_for
    from apps.organizations.tests.factories import OrganizationFactory

    for text in texts:
        center_for(world, org=OrganizationFactory(name=text, prefecture=world.prefecture), partners=0)


def _documents(world, texts):
    from apps.bureau.tests.matrix_documents import draft, published

    for index, text in enumerate(texts):
        (published if index % 2 else draft)(world, title=text)


def _showcases(world, texts):
    from apps.bureau.tests.matrix_showcases import draft, proposal, published

    for index, text in enumerate(texts):
        (proposal, draft, published)[index % 3](world, title=text)


def _questions(world, texts):
    from apps.bureau.tests.matrix_questions import answered, asked

    for index, text in enumerate(texts):
        (answered if index % 2 else asked)(world, subject=text)


CASES = [
    Case("centers-register", url_of("centers:register"), "anonymous", "apps.centers.listings:REGISTER", _register, 3),
    Case(
        "bureau-documents",
        url_of("bureau:documents"),
        "regional_officer",
        "apps.bureau.listings:DOCUMENTS",
        _documents,
        1,
        bad_filter="kind=no-such-kind",
    ),
    Case(
        "bureau-showcases", url_of("bureau:showcases"), "regional_officer", "apps.bureau.listings:SHOWCASES", _showcases
    ),
    Case(
        "bureau-questions", url_of("bureau:questions"), "regional_officer", "apps.bureau.listings:QUESTIONS", _questions
    ),
    Case(
        "bureau-questions-unit",
        url_of("bureau:questions"),
        "unit_admin",
        "apps.bureau.listings:QUESTIONS_UNIT",
        _questions,
    ),
]
