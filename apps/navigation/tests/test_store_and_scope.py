import pytest

from apps.core.errors import DomainError
from apps.navigation import schema, store
from apps.navigation import scope as scopes
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


SCOPES = [
    {"ipc": "H01F1/057", "keywords": "稀土 永磁", "year_from": 2010},
    {"ipc": "H01F", "keywords": "rare 薄膜", "combine": "or"},
    {"ipc": "H01F1", "keywords": "magnet", "combine": "or", "year_to": 2009},
    {"keywords": "稀土", "regions": "150200"},
    {"keywords": "Rare"},
    {"applicants": "稀土研究院", "keywords": "磁"},
    {"ipc": "C22C"},
]


@pytest.mark.django_db
@pytest.mark.parametrize("data", SCOPES)
def test_the_two_step_reading_finds_what_the_one_predicate_finds(world, data):
    """`matches` reads the short columns first and the texts of their records after (`scope.split_sql`): the same
    records as the whole predicate (`where_sql`) in one scan, and as a test written out by hand in Python."""
    from apps.navigation import matches

    rows = [
        record(1),
        record(2, ipc=["H01F10/00"], ipc_main="H01F10/00", title="磁性薄膜", abstract="", claims=""),
        record(3, ipc=["C22C38/00"], ipc_main="C22C38/00", title="Rare earth magnet", abstract="", claims=""),
        record(4, filing_year=2009),
        record(5, ipc=["C22C38/00"], ipc_main="C22C38/00", title="合金", abstract="", claims="一种稀土合金"),
    ]
    ds = dataset_with(center_of(world), world.user("unit_admin"), rows)
    scope = scopes.parse(data)
    con = store.connect()
    try:
        sql, params = scopes.where_sql(scope)
        source = store.records_sql(ds, positions=True)
        whole = {r[0] for r in con.execute(f"SELECT file_row_number FROM {source} WHERE {sql}", params).fetchall()}
        matches.load(con, ds, scope)
        split = {r[0] for r in con.execute(f"SELECT file_row_number FROM {matches.in_scope_sql(con, ds)}").fetchall()}
        keys = dict(con.execute(f"SELECT file_row_number, key FROM {source}").fetchall())
    finally:
        con.close()
    assert split == whole

    def by_hand(r) -> bool:
        ipc = any(
            code.startswith(p + "/") if p.count("/") == 0 and p[4:].isdigit() else code.startswith(p)
            for p in scope.ipc
            for code in r["ipc"]
        )
        text = r["title"] + "\n" + r["abstract"] + "\n" + r["claims"]
        word = any((w in text) if w.lower() == w.upper() else (w.lower() in text.lower()) for w in scope.keywords)
        groups = [g for g, given in ((ipc, scope.ipc), (word, scope.keywords)) if given]
        ok = (all(groups) if scope.combine == "and" else any(groups)) if groups else True
        if scope.applicants:
            ok = ok and any(a in name for a in scope.applicants for name in r["applicants"])
        if scope.year_from is not None:
            ok = ok and r["filing_year"] >= scope.year_from
        if scope.year_to is not None:
            ok = ok and r["filing_year"] <= scope.year_to
        if scope.regions:
            ok = ok and r["prefecture"] in scope.regions
        return ok

    expected = {r["key"] for r in rows if by_hand(r)}
    assert {keys[n] for n in split} == expected and expected


@pytest.mark.django_db
def test_a_version_holds_the_derived_columns_and_one_written_before_them_is_analysed_alike(world):
    from apps.navigation import analyses

    rows = [
        record(1, ipc=["H01F1/057", "H01F1/08", "C22C38/00"], applicant_types=["enterprise"], applicants=["甲", "乙"]),
        record(
            2, ipc=["H01F10/00", "X"], ipc_main="H01F10/00", applicant_types=["nonsense"], applicants=["乙", "", "乙"]
        ),
        record(3, ipc=[], ipc_main="", applicants=[], applicant_types=[]),
        record(4, applicants=["甲", "丙"], filing_year=2021),
    ]
    ds = dataset_with(center_of(world), world.user("unit_admin"), rows)
    path = store.parquet_path(ds)
    scope = scopes.parse({"ipc": "H C"})
    con = store.connect()
    try:
        assert store.stored_derived(con, ds) == {"first_type", "subclasses", "applicant_ids"}
        stored = con.execute(
            f"SELECT first_type, subclasses, applicant_ids FROM {store.records_sql(ds)} ORDER BY key"
        ).fetchall()
        names = dict(con.execute(f"SELECT id, name FROM read_parquet({store.quote(store.names_path(ds))})").fetchall())
        assert sorted(names.values()) == ["丙", "乙", "甲"]
        assert [(kind, sorted(codes), sorted(names[i] for i in ids)) for kind, codes, ids in stored] == [
            ("enterprise", ["C22C", "H01F"], ["乙", "甲"]),
            ("other", ["H01F"], ["乙"]),
            ("other", [], []),
            ("institute", ["H01F"], ["丙", "甲"]),
        ]
        before = analyses.run_all(ds, scope)
        store.names_path(ds).unlink()  # no name list (two names sharing a hash): counted by names
        assert store.stored_derived(con, ds) == {"first_type", "subclasses"}
        by_names = analyses.run_all(ds, scope)
        older = path.with_name("older.parquet")  # the file as written before the derived columns existed
        con.execute(
            f"COPY (SELECT * EXCLUDE (first_type, subclasses, applicant_ids) FROM read_parquet({store.quote(path)})) "
            f"TO {store.quote(older)} (FORMAT parquet)"
        )
        older.replace(path)
        assert store.stored_derived(con, ds) == frozenset()
    finally:
        con.close()
    assert before["total"] == 3
    assert [(a["name"], a["count"]) for a in before["applicants"]["top"]] == [
        ("乙", 2),
        ("甲", 2),
        ("丙", 1),
    ]  # ties by name
    assert before["applicants"]["applicant_count"] == 3 and before["trend"]["applicants"][-1] == 2
    assert [(link["source"], link["target"], link["weight"]) for link in before["network"]["links"]] == [
        ("丙", "甲", 1),
        ("乙", "甲", 1),
    ]
    assert by_names == before
    assert analyses.run_all(ds, scope) == before
    for name in analyses.ANALYSES:
        assert analyses.one(ds, scope, name) == before[name], name


@pytest.mark.django_db
def test_a_name_list_where_two_names_share_an_id_is_not_written(world, monkeypatch):
    ds = dataset_with(center_of(world), world.user("unit_admin"), [record(1, applicants=["甲", "乙", "丙"])])
    assert store.names_path(ds).exists()
    store.names_path(ds).unlink()
    monkeypatch.setattr(schema, "NAME_ID", "(hash({}) % 2)")  # three names, two ids
    con = store.connect()
    try:
        assert store.write_names(con, ds, ds.version) is False
        assert store.stored_derived(con, ds) == {"first_type", "subclasses"}
    finally:
        con.close()
    assert not store.names_path(ds).exists()
    assert not list(store.dataset_dir(ds).glob("names-*"))
