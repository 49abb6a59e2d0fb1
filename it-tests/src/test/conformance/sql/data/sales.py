"""Writes sales.csv (6,000 rows: six row blocks of 1,024 on the grid) and prints the expected output
of the golden cases that read it, computed by DuckDB from the same rows. Prices are multiples of
0.25 and small, so every float sum is exact in any order of summation and DuckDB's sums are ours.

    python3 sales.py          # rewrite sales.csv
    python3 sales.py CASE     # print CASE.expected (needs duckdb)
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PRODUCTS = ["apple", "fig", "kiwi, gold", 'say "hi"', "pear", "plum", "lime", "date"]


def rows():
    x = 12345
    out = []
    for i in range(6000):
        x = (x * 1103515245 + 12345) % 2**31
        region = (x >> 8) % 5
        product = PRODUCTS[(x >> 12) % len(PRODUCTS)]
        qty = 1 + (x >> 16) % 20
        price = ((x >> 4) % 401 - 200) * 0.25
        out.append((i, region, product, qty, price))
    return out


def csv_field(s):
    if any(c in s for c in ',"\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def write():
    with open(os.path.join(HERE, "sales.csv"), "w") as f:
        for i, region, product, qty, price in rows():
            f.write(f"{i},{region},{csv_field(product)},{qty},{price!r}\n")


TYPES = {"BIGINT": "int64_t", "DOUBLE": "double", "VARCHAR": "std::string", "HUGEINT": "int64_t"}


def fmt(v):
    if isinstance(v, float):
        s = format(v, ".6g")
        return s
    return str(v)


def show(con, query, labels):
    rel = con.sql(query)
    data = rel.fetchall()
    types = [TYPES[str(t)] for t in rel.types]
    head = ", ".join(f"{l}:{t}" for l, t in zip(labels, types))
    out = [f"Frame({len(data)}x{len(labels)}, [{head}])"]
    for r in data:
        out.append(" ".join(fmt(v) for v in r))
    return "\n".join(out) + "\n"


def connect():
    import duckdb

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE s AS SELECT * FROM read_csv(?, header=false, quote='\"', escape='\"',"
        " columns={'id':'BIGINT','region':'BIGINT','product':'VARCHAR','qty':'BIGINT',"
        "'price':'DOUBLE'})",
        [os.path.join(HERE, "sales.csv")],
    )
    # r's rows in the order createFrame makes them (ord: the row number, for join orders)
    con.execute(
        "CREATE TABLE r AS SELECT ord, id::BIGINT AS id, name, w::DOUBLE AS w FROM (VALUES"
        " (0, 0, 'north', 1.5), (1, 2, 'south', -2.0), (2, 3, 'east', 0.25), (3, 7, 'none', 4.0),"
        " (4, 2, 'south2', 1.0)) AS t(ord, id, name, w)"
    )
    return con


# (query in DuckDB's words, labels as DAPHNE writes them) per golden case
CASES = {
    "grid_group_several_columns": [
        (
            "SELECT region, product, count(id), sum(qty), sum(price), min(price), max(product),"
            " avg(price) FROM s GROUP BY region, product ORDER BY region, product",
            ["s.region", "s.product", "count(s.id)", "sum(s.qty)", "sum(s.price)",
             "min(s.price)", "max(s.product)", "avg(s.price)"],
        ),
        (
            "SELECT qty, region, count(*), sum(price) FROM s WHERE region < 2 AND price > -10.0"
            " GROUP BY qty, region ORDER BY qty, region",
            ["s.qty", "s.region", "count(*)", "sum(s.price)"],
        ),
        (
            "SELECT product, region, max(qty) FROM s WHERE id >= 1000 GROUP BY product, region"
            " HAVING count(*) > 130 ORDER BY product, region",
            ["s.product", "s.region", "max(s.qty)"],
        ),
    ],
    # joins are left-major with right rows in order: ORDER BY the left row, then the right row
    "grid_join_right_and_grouped": [
        (
            "SELECT r.name, s.id, s.price FROM r JOIN s ON r.id = s.region WHERE s.id >= 5990"
            " ORDER BY r.ord, s.id",
            ["r.name", "s.id", "s.price"],
        ),
        (
            "SELECT r.name, s.id FROM r, s WHERE s.region = r.id AND s.qty = 20 AND s.id < 300"
            " ORDER BY r.ord, s.id",
            ["r.name", "s.id"],
        ),
        (
            "SELECT r.name, s.product, count(*), sum(s.price), avg(s.qty) FROM s JOIN r"
            " ON s.region = r.id WHERE s.price > 0.0 GROUP BY r.name, s.product"
            " ORDER BY r.name, s.product",
            ["r.name", "s.product", "count(*)", "sum(s.price)", "avg(s.qty)"],
        ),
        (
            "SELECT r.name, sum(s.qty), min(s.price), max(r.w) FROM r, s WHERE r.id = s.region"
            " AND r.w > 0.0 GROUP BY r.name ORDER BY r.name",
            ["r.name", "sum(s.qty)", "min(s.price)", "max(r.w)"],
        ),
        (
            "SELECT count(*), sum(s.price) FROM r JOIN s ON r.id = s.region",
            ["count(*)", "sum(s.price)"],
        ),
        (
            "SELECT s.region, count(s.id), sum(s.price) FROM s, r WHERE s.region = r.id"
            " AND s.product = 'fig' GROUP BY s.region ORDER BY s.region",
            ["s.region", "count(s.id)", "sum(s.price)"],
        ),
    ],
}


if __name__ == "__main__":
    if len(sys.argv) == 1:
        write()
    else:
        con = connect()
        sys.stdout.write("".join(show(con, q, l) for q, l in CASES[sys.argv[1]]))
