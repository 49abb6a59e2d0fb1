"""Writes orders.csv (4,000 rows: four row blocks of 1,024 on the grid) and prints the expected
output of the golden case grid_shuffle_join (sales.csv joined with orders.csv, both large, shuffled
by key on the grid), computed by DuckDB from the same rows. Amounts are multiples of 0.25.

    python3 orders.py                      # rewrite orders.csv
    python3 orders.py grid_shuffle_join    # print its .expected (needs duckdb)
"""

import os
import sys

import sales

HERE = os.path.dirname(os.path.abspath(__file__))
PRODUCTS = sales.PRODUCTS + ["none"]


def rows():
    x = 777
    out = []
    for i in range(4000):
        x = (x * 1103515245 + 12345) % 2**31
        region = (x >> 8) % 6  # region 5 matches no sale
        product = PRODUCTS[(x >> 12) % len(PRODUCTS)]
        if (x >> 16) % 3 == 0:
            amount = float(1 + (x >> 18) % 20)  # equal to some qty
        else:
            amount = ((x >> 4) % 401 - 200) * 0.25
        tag = "t" + str((x >> 20) % 7)
        out.append((i, region, product, amount, tag))
    return out


def write():
    with open(os.path.join(HERE, "orders.csv"), "w") as f:
        for i, region, product, amount, tag in rows():
            f.write(f"{i},{region},{sales.csv_field(product)},{amount!r},{tag}\n")


def connect():
    con = sales.connect()
    con.execute(
        "CREATE TABLE o AS SELECT * FROM read_csv(?, header=false, quote='\"', escape='\"',"
        " columns={'oid':'BIGINT','region':'BIGINT','product':'VARCHAR','amount':'DOUBLE',"
        "'tag':'VARCHAR'})",
        [os.path.join(HERE, "orders.csv")],
    )
    return con


# joins are left-major with right rows in order: ORDER BY the left row, then the right row (s.id
# and o.oid are the row numbers)
CASES = {
    "grid_shuffle_join": [
        (
            "SELECT s.id, o.oid, o.tag FROM s JOIN o ON s.region = o.region"
            " WHERE s.id < 40 AND o.oid < 30 ORDER BY s.id, o.oid",
            ["s.id", "o.oid", "o.tag"],
        ),
        (
            "SELECT o.oid, s.id, s.product FROM o, s WHERE o.product = s.product"
            " AND o.oid >= 3990 AND s.id >= 5950 ORDER BY o.oid, s.id",
            ["o.oid", "s.id", "s.product"],
        ),
        (
            "SELECT s.id, o.oid, s.price FROM s JOIN o ON s.price = o.amount"
            " WHERE s.id < 400 AND o.oid < 300 ORDER BY s.id, o.oid",
            ["s.id", "o.oid", "s.price"],
        ),
        (
            "SELECT s.id, o.oid, s.qty, o.amount FROM s JOIN o ON s.qty = o.amount"
            " AND s.region = o.region WHERE s.id < 300 AND o.oid < 300 ORDER BY s.id, o.oid",
            ["s.id", "o.oid", "s.qty", "o.amount"],
        ),
        (
            "SELECT s.id, o.oid FROM s JOIN o ON s.region = o.region WHERE o.oid < 0"
            " ORDER BY s.id, o.oid",
            ["s.id", "o.oid"],
        ),
        (
            "SELECT o.oid, s.id FROM o JOIN s ON o.region = s.region AND o.tag = 't3'"
            " WHERE s.id > 5990 AND o.oid < 400 ORDER BY o.oid, s.id",
            ["o.oid", "s.id"],
        ),
    ],
    # the same kinds of queries with --max-distr-chunk-size=1500: the members' answers in pieces
    "grid_parts_in_pieces": [
        (
            "SELECT s.id, o.oid, o.tag FROM s JOIN o ON s.region = o.region"
            " WHERE s.id < 40 AND o.oid < 30 ORDER BY s.id, o.oid",
            ["s.id", "o.oid", "o.tag"],
        ),
        (
            "SELECT o.oid, o.product, o.amount FROM o WHERE o.oid >= 3000 AND o.amount > 10.0"
            " ORDER BY o.oid",
            ["o.oid", "o.product", "o.amount"],
        ),
        (
            "SELECT o.region, o.tag, count(*), sum(o.amount), min(o.product) FROM o"
            " GROUP BY o.region, o.tag ORDER BY o.region, o.tag",
            ["o.region", "o.tag", "count(*)", "sum(o.amount)", "min(o.product)"],
        ),
        (
            "SELECT r.name, o.oid FROM r JOIN o ON r.id = o.region WHERE o.oid < 60"
            " ORDER BY r.ord, o.oid",
            ["r.name", "o.oid"],
        ),
    ],
}


if __name__ == "__main__":
    if len(sys.argv) == 1:
        write()
    else:
        con = connect()
        sys.stdout.write("".join(sales.show(con, q, l) for q, l in CASES[sys.argv[1]]))
