import pytest

from apps.core.errors import DomainError
from apps.navigation import scope as scopes
from apps.navigation import store
from apps.navigation.tests.builders import center_of, dataset_with, record


@pytest.mark.django_db
def test_records_written_and_selected_by_scope(world):
    center = center_of(world)
    ds = dataset_with(
        center,
        world.user("unit_admin"),
        [
            record(1),
            record(2, ipc=["H01F10/00"], ipc_main="H01F10/00", title="磁性薄膜", abstract="", claims=""),
            record(3, ipc=["C22C38/00"], ipc_main="C22C38/00", title="Rare earth magnet", abstract="", claims=""),
            record(4, filing_year=2009),
        ],
    )
    con = store.connect()

    def keys(**data):
        sql, params = scopes.where_sql(scopes.parse(data))
        rows = con.execute(f"SELECT key FROM {store.records_sql(ds)} WHERE {sql} ORDER BY key", params).fetchall()
        return [int(row[0][-8:-2]) for row in rows]

    assert ds.records == 4
    # a main group matches its own codes, never H01F10/…
    assert keys(ipc="H01F1") == [1, 4]
    assert keys(ipc="H01F") == [1, 2, 4]
    assert keys(ipc="h01f 1/057", keywords="稀土", year_from=2010) == [1]
    assert keys(ipc="H01F1/057", keywords="rare", combine="or") == [1, 3, 4]
    assert keys(applicants="稀土研究院", regions="150200", year_to=2009) == [4]


@pytest.mark.parametrize(
    "data, words",
    [
        ({}, "至少"),
        ({"ipc": "H1F"}, "H1F"),
        ({"ipc": "H01F", "year_from": "2020", "year_to": "2010"}, "2010"),
        ({"keywords": "稀" * 61}, "60"),
        ({"ipc": "H01F", "regions": "ZZZ"}, "ZZZ"),
        ({"ipc": "H01F", "year_from": "二零二零"}, "2015"),
    ],
)
def test_bad_scopes_are_refused_in_chinese(data, words):
    with pytest.raises(DomainError) as caught:
        scopes.parse(data)
    assert words in str(caught.value.message)


def test_strategy_is_written_out():
    scope = scopes.parse({"ipc": "H01F1/057", "keywords": "稀土 永磁", "year_from": 2010, "year_to": 2024})
    text = scopes.strategy(scope)
    assert "IPC=(H01F1/057)" in text and "稀土 OR 永磁" in text and "2010–2024" in text
