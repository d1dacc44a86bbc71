"""Before/after of the library index: two source trees, alternated, on one bench library.

``search_bench.py`` compares the index with the first version's engine; this compares two
versions of the index itself (say main before a change and the branch after), which load
on a shared machine makes hard to do in two separate runs. It builds the bench library
once (500 documents, 10,000 annotations), then alternates the trees, each with its own
index in its own cache directory: child processes timing the 20 annotation queries and the
8 text queries (CPU medians of 21 / 11 calls, and the CPU p95 over all calls), then
``reader`` processes on an almost empty store and on the big one (CPU and wall medians).

Run: ``PYTHONPATH=. .venv/bin/python -u bench/search_ab.py OLD_TREE [NEW_TREE]`` where a
tree is a checkout (``git worktree add /tmp/old <commit>``); NEW_TREE defaults to this one.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_bench_support import REPO, build_library

PROCESSES = ["search balloon --limit 20", "search tag:china --json", "people", "quotes --json"]
TIMER = """
import os, statistics, sys, time
from pathlib import Path
sys.path.insert(0, {bench!r})
from search_bench import QUERIES, TEXT_QUERIES
from reader.core.service import ReaderService
service = ReaderService.open(Path({db!r}))
service.search("x")
def times(call, runs):
    call()
    found = []
    for _ in range(runs):
        started = time.process_time(); call(); found.append(time.process_time() - started)
    return found
for name, queries, run, runs in (
    ("annotations", QUERIES, lambda q: service.search(q, limit=50, prefix_last=True), 21),
    ("texts", TEXT_QUERIES, lambda q: service.search_documents(q, 20), 11),
):
    every, medians = [], []
    for query in queries:
        found = times(lambda: run(query), runs)
        every += found
        medians.append(statistics.median(found) * 1000)
    p95 = sorted(every)[round(0.95 * (len(every) - 1))] * 1000
    print(f"{{name}}: CPU p95 {{p95:.2f}} ms, p50 {{statistics.median(every) * 1000:.2f}};"
          f" per query " + " ".join(f"{{m:.2f}}" for m in medians))
"""


def main() -> None:
    trees = {"old": Path(sys.argv[1]).resolve(), "new": Path(sys.argv[2] if len(sys.argv) > 2
                                                              else REPO).resolve()}  # fmt: skip
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        stores = {size: root / size / "store" / "annotations.json" for size in ("small", "big")}
        for size, path in stores.items():
            path.parent.mkdir(parents=True)
            os.environ["READER_CACHE_DIR"] = str(path.parent.parent / "cache")
            build_library(path, *((500, 20) if size == "big" else (1, 1)))
            for name in trees:  # the analyses in each tree's cache (the index apart)
                analyses = path.parent.parent / "cache" / "analysis"
                shutil.copytree(analyses, path.parent.parent / f"cache-{name}" / "analysis")
        for round_ in range(2):
            for name, tree in trees.items():
                env = _env(tree, stores["big"], name)
                script = TIMER.format(bench=str(tree / "bench"), db=str(stores["big"]))
                out = subprocess.run([sys.executable, "-c", script], env=env, cwd="/",
                                     capture_output=True, text=True, check=True).stdout  # fmt: skip
                print(f"round {round_ + 1}, {name} ({os.getloadavg()[0]:.1f} load):\n{out}")
        for args in PROCESSES:
            print(_processes(args.split(), trees, stores), f"(load {os.getloadavg()[0]:.1f})")


def _env(tree: Path, store: Path, name: str) -> dict[str, str]:
    cache = store.parent.parent / f"cache-{name}"
    return {**os.environ, "PYTHONPATH": str(tree), "READER_DB": str(store),
            "READER_CACHE_DIR": str(cache)}  # fmt: skip


def _processes(args: list[str], trees: dict[str, Path], stores: dict[str, Path]) -> str:
    """Medians of 9 alternated runs per tree and store; what the big store adds."""
    combos = [(name, size) for name in trees for size in stores]
    found: dict[tuple[str, str], list[tuple[float, float]]] = {combo: [] for combo in combos}
    command = [sys.executable, "-m", "reader", *args]
    for combo in combos:  # warm: each tree builds its index once
        subprocess.run(command, env=_env(trees[combo[0]], stores[combo[1]], combo[0]),
                       cwd="/", capture_output=True)  # fmt: skip
    for _ in range(9):
        for name, size in combos:
            before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
            subprocess.run(command, env=_env(trees[name], stores[size], name), cwd="/",
                           capture_output=True)  # fmt: skip
            wall, after = (
                time.perf_counter() - started,
                resource.getrusage(resource.RUSAGE_CHILDREN),
            )
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            found[(name, size)].append((wall, cpu))
    lines = []
    for name in trees:
        (sw, sc), (bw, bc) = (
            tuple(statistics.median(x[i] for x in found[(name, s)]) for i in (0, 1)) for s in stores
        )
        lines.append(f"{name}: small {sw:.3f}/{sc:.3f} s, big {bw:.3f}/{bc:.3f} s, "
                     f"added wall {bw - sw:+.3f} CPU {bc - sc:+.3f}")  # fmt: skip
    return f"`reader {' '.join(args)}` (wall/CPU): " + "; ".join(lines)


if __name__ == "__main__":
    main()
