"""Pipewright's data-test catalog written with pandas: the anchor of `npm run bench data`.

bench/data-tests.ts runs this with a pandas that has a Parquet engine (pyarrow or fastparquet):

    python pandas-checks.py --probe        prints the versions, or fails saying what is missing
    python pandas-checks.py SPEC.json      runs the catalog of SPEC.json, prints the timings

Each check computes the same observed value as the Pipewright kind of the same name, the way
a pandas user would write it. A file is read once, on first use, and its read is timed as part
of that check: reading is what a pandas check costs. Interpreter start and `import pandas` are
not timed (nor is DuckDB's start on the other side).
"""

import json
import sys
import time


def probe():
    try:
        import pandas as pd
        from pandas.io.parquet import get_engine
    except ImportError:
        sys.exit("no pandas")
    try:
        engine = get_engine("auto")
    except ImportError:
        sys.exit(f"pandas {pd.__version__} but neither pyarrow nor fastparquet")
    name = type(engine).__name__.replace("Impl", "").lower()
    module = __import__(name)
    print(json.dumps({"pandas": pd.__version__, "engine": f"{name} {module.__version__}"}))


def duckdb_type(dtype):
    """A pandas dtype under DuckDB's type name, to compare with a schema test.

    Asked through pandas.api.types rather than by the dtype's printed name: that name changes
    between versions (pandas 3 reads Parquet strings as "str", pandas 2 as "object"; integers
    may be "int64", "Int64" or "int64[pyarrow]"; timestamps carry their unit).
    """
    from pandas.api import types

    if types.is_bool_dtype(dtype):
        return "BOOLEAN"
    if types.is_integer_dtype(dtype):
        signed = {8: "BIGINT", 4: "INTEGER", 2: "SMALLINT", 1: "TINYINT"}
        unsigned = {8: "UBIGINT", 4: "UINTEGER", 2: "USMALLINT", 1: "UTINYINT"}
        return (signed if types.is_signed_integer_dtype(dtype) else unsigned).get(dtype.itemsize, str(dtype))
    if types.is_float_dtype(dtype):
        return {8: "DOUBLE", 4: "FLOAT"}.get(dtype.itemsize, str(dtype))
    if isinstance(dtype, types.DatetimeTZDtype) or getattr(dtype, "tz", None) is not None:
        return "TIMESTAMP WITH TIME ZONE"
    if types.is_datetime64_any_dtype(dtype):
        return "TIMESTAMP"
    if types.is_string_dtype(dtype):
        return "VARCHAR"
    return str(dtype)


def run(spec):
    import pandas as pd

    root = spec["root"]
    frames = {}
    read_seconds = 0.0

    def frame(path):
        nonlocal read_seconds
        if path not in frames:
            started = time.perf_counter()
            frames[path] = pd.read_parquet(f"{root}/{path}")
            read_seconds += time.perf_counter() - started
        return frames[path]

    def row_count(args):
        return len(frame(args["path"]))

    def not_null(args):
        return int(frame(args["path"])[args["columns"]].isna().any(axis=1).sum())

    def unique(args):
        keys = frame(args["path"])[args["columns"]].dropna()
        return int(keys.duplicated(keep=False).sum())

    def accepted_values(args):
        values = frame(args["path"])[args["column"]]
        return int((values.notna() & ~values.isin(args["values"])).sum())

    def range_(args):
        values = frame(args["path"])[args["column"]]
        outside = pd.Series(False, index=values.index)
        if "min" in args:
            outside |= values < args["min"]
        if "max" in args:
            outside |= values > args["max"]
        return int(outside.sum())

    def pattern(args):
        values = frame(args["path"])[args["column"]].dropna().astype(str)
        return int((~values.str.fullmatch(args["regex"])).sum())

    def schema(args):
        data = frame(args["path"])
        found = {name: duckdb_type(dtype) for name, dtype in data.dtypes.items()}
        mismatches = sum(1 for name, kind in args["columns"].items() if kind != "any" and found.get(name) != kind.upper())
        if args.get("allow_extra") is False:
            mismatches += sum(1 for name in found if name not in args["columns"])
        return mismatches

    def freshness(args):
        newest = frame(args["path"])[args["column"]].max()
        if pd.isna(newest):
            return None
        # Naive timestamps are UTC, as on the Pipewright side.
        return (pd.Timestamp.now(tz="UTC").tz_localize(None) - newest).total_seconds()

    def relationship(args):
        values = frame(args["path"])[args["column"]].dropna()
        keys = frame(args["to"])[args.get("to_column", args["column"])]
        return int((~values.isin(keys)).sum())

    def sql(args):
        # The bench gives the pandas form of the test's query.
        data = frame(args["path"])
        return len(data.query(spec["pandas_query"]))

    def row_count_change(args):
        previous = spec["previous_row_count"]
        count = len(frame(args["path"]))
        return abs(count - previous) * 100 / previous

    checks = {
        "row_count": row_count,
        "not_null": not_null,
        "unique": unique,
        "accepted_values": accepted_values,
        "range": range_,
        "pattern": pattern,
        "schema": schema,
        "freshness": freshness,
        "relationship": relationship,
        "sql": sql,
        "row_count_change": row_count_change,
    }
    results = []
    started = time.perf_counter()
    # CPU time of all the process's threads (pyarrow reads on several): set against the wall
    # time, it shows how much a loaded machine slowed a side.
    cpu_started = time.process_time()
    for test in spec["catalog"]:
        kind = next(key for key in test if key in checks)
        check_started = time.perf_counter()
        observed = checks[kind](test[kind])
        results.append({"kind": kind, "ms": (time.perf_counter() - check_started) * 1000, "observed": observed})
    total = (time.perf_counter() - started) * 1000
    cpu = (time.process_time() - cpu_started) * 1000
    print(json.dumps({"total_ms": total, "cpu_ms": cpu, "read_ms": read_seconds * 1000, "checks": results}, allow_nan=False))


def main():
    if sys.argv[1:] == ["--probe"]:
        probe()
    elif len(sys.argv) == 2:
        with open(sys.argv[1], encoding="utf-8") as spec:
            run(json.load(spec))
    else:
        sys.exit("usage: pandas-checks.py --probe | pandas-checks.py SPEC.json")


if __name__ == "__main__":
    main()
