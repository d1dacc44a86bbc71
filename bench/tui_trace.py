"""Where the first paint's time goes: the real start traced phase by phase, in tmux.

Run: ``PYTHONPATH=. .venv/bin/python bench/tui_trace.py [--runs 7] [--only sample ...]``.

Each run spawns, in the same private tmux server as ``bench/tui_bench.py`` (same scenarios,
store, cache and bytecode), a child that runs ``reader`` (or the bare app) in its own
process with a few hooks: it notes the wall clock since the spawn (``date`` in the shell
that spawns it) and the process's CPU time at each phase, and exits once Textual's writer
thread is handed the first frame (the first write of more than 2,000 characters). The
reader and the bare app alternate run by run. The table gives medians per phase: the wall
time since spawn, the step from the phase before, and the CPU time (all threads), which
moves less than the wall time on a shared machine.

The child imports ``textual.drivers`` first (to hook the writer), so Textual's core import
shows as one early phase for both apps.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from bench import tui_bench

ROOT = Path(__file__).resolve().parent.parent

FIRST_FRAME_CHARS = 2000


class Marks:
    """Phase name -> (wall ms since spawn, CPU ms), written to a file at the first frame."""

    def __init__(self, spawned: float, out: str) -> None:
        self.spawned, self.out = spawned, out
        self.rows: list[tuple[str, float, float]] = []

    def __call__(self, name: str) -> None:
        wall = (time.time() - self.spawned) * 1000
        self.rows.append((name, wall, time.process_time() * 1000))

    def hook_first_frame(self) -> None:
        """Mark the first large write to the terminal, save the marks and end the process."""
        from textual.drivers import _writer_thread

        original = _writer_thread.WriterThread.write
        done = threading.Event()

        def write(writer: Any, text: str) -> None:
            if not done.is_set() and len(text) > FIRST_FRAME_CHARS:
                done.set()
                self("first frame written")
                lines = [f"{wall:.2f}\t{cpu:.2f}\t{name}" for name, wall, cpu in self.rows]
                Path(self.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
                threading.Timer(0.3, os._exit, (0,)).start()
            original(writer, text)

        _writer_thread.WriterThread.write = write  # type: ignore[method-assign]


def wrap(owner: Any, name: str, before: str, after: str | None, mark: Marks) -> None:
    """Mark ``before`` (and ``after``) around ``owner.name`` (Textual inspects its arity:
    ``on_mount`` handlers here take none)."""
    original = getattr(owner, name)

    def wrapper(self: Any) -> Any:
        mark(before)
        result = original(self)
        if after:
            mark(after)
        return result

    setattr(owner, name, wrapper)


def wrap_compose(owner: Any, mark: Marks) -> None:
    """Mark the start of ``owner.compose`` (a generator)."""
    original = owner.compose

    def compose(self: Any) -> Any:
        mark("screen compose")
        yield from original(self)

    owner.compose = compose


def reader_child(mark: Marks, argv: list[str]) -> None:
    """Run ``reader ARGV`` here, marking its phases."""
    import reader.cli
    from reader.cli import tui

    mark("reader.cli imported")
    run = tui._run

    def traced_run(service: Any, source: str | None, theme: str | None) -> None:
        mark("service imported and opened")
        from reader.ui import app as app_module

        mark("reader.ui.app imported")
        if source:
            from reader.ui.screens.reading import ReadingScreen as First
        else:
            from reader.ui.screens.library import LibraryScreen as First  # type: ignore[assignment]
        mark("first screen's modules imported")
        build = app_module.build_app

        def traced_build(*args: Any) -> Any:
            built = build(*args)
            mark("build_app (read, hash, look up; App())")
            return built

        app_module.build_app = traced_build
        wrap(app_module.ReaderApp, "on_mount", "app mounted", None, mark)
        wrap_compose(First, mark)
        wrap(First, "on_mount", "screen mounted", "screen on_mount done", mark)
        run(service, source, theme)

    tui._run = traced_run
    reader.cli.main(argv)


def bare_child(mark: Marks, screen_file: str) -> None:
    """The baseline (as in ``tui_bench.bare_app``), marking its phases."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    mark("textual.app + Static imported")
    text = Path(screen_file).read_text(encoding="utf-8")

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            mark("screen compose")
            yield Static(text, markup=False)

        def on_mount(self) -> None:
            mark("app mounted")

    Bare().run()


def child(args: argparse.Namespace) -> None:
    """Inside tmux: one traced start."""
    mark = Marks(args.spawned, args.out)
    mark("interpreter started")
    mark.hook_first_frame()
    mark("textual core imported")
    if args.bare:
        bare_child(mark, args.bare)
    else:
        reader_child(mark, args.argv)


def measure(runs: int, names: list[str]) -> None:
    """Run the traced starts and print one table per scenario (the child imports none of
    this: its own imports would count in its phases)."""
    import tempfile

    sys.path.insert(0, str(ROOT))
    from bench import tui_bench

    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="reader-tui-trace-") as directory:
        work = Path(directory)
        env, scenarios = tui_bench.prepare(work)
        for name in names:
            source, marker = scenarios[name]
            scenario_env = tui_bench.scenario_env(env, name)
            tui_bench.warm_up(scenario_env, source)
            tmux = tui_bench.Tmux(scenario_env)
            try:
                tables = trace_scenario(tmux, work, name, source, marker, runs)
            finally:
                tmux.close()
            print_tables(name, runs, tables)


def trace_scenario(
    tmux: tui_bench.Tmux, work: Path, name: str, source: str | None, marker: str, runs: int
) -> dict[str, dict[str, list[tuple[float, float]]]]:
    """app -> phase -> [(wall, cpu)] over ``runs`` interleaved runs."""
    from bench import tui_bench

    screen_file = work / f"screen-{name}.txt"
    tmux.time_to(tui_bench.reader_argv(source), marker)  # the baseline shows this screen
    time.sleep(1.0)
    screen_file.write_text(tmux.screen().rstrip() + "\n", encoding="utf-8")
    tmux.stop()
    out = work / "marks.tsv"
    this = [sys.executable, __file__, "--child", "--out", str(out)]
    commands = {
        "reader": [*this, "--", *tui_bench.reader_argv(source)[1:]],
        "bare": [*this, "--bare", str(screen_file)],
    }
    # The shell that tmux spawns notes the time first: the clock starts at the spawn.
    spawned = "--spawned $(date +%s.%N) "
    tables: dict[str, dict[str, list[tuple[float, float]]]] = {"reader": {}, "bare": {}}
    for index in range(runs):
        for app in ("reader", "bare") if index % 2 else ("bare", "reader"):
            command = commands[app]
            spawn = " ".join(tui_bench._quote(part) for part in command[:2]) + f" {spawned}"
            spawn += " ".join(tui_bench._quote(part) for part in command[2:])
            out.unlink(missing_ok=True)
            tmux.command(f"respawn-pane -k -t b {tui_bench._quote(spawn)}")
            deadline = time.time() + tui_bench.TIMEOUT_SECONDS
            while not out.exists() and time.time() < deadline:
                time.sleep(0.02)
            time.sleep(0.05)
            for line in out.read_text(encoding="utf-8").splitlines():
                wall, cpu, phase = line.split("\t")
                tables[app].setdefault(phase, []).append((float(wall), float(cpu)))
            tmux.stop()
    return tables


def print_tables(
    name: str, runs: int, tables: dict[str, dict[str, list[tuple[float, float]]]]
) -> None:
    """Markdown: phase, median wall ms since spawn, step, CPU ms; reader then bare."""
    import statistics

    print(f"\n### {name} ({runs} interleaved runs, medians)\n")
    print("| app | phase | wall ms since spawn | step | CPU ms |")
    print("|---|---|---:|---:|---:|")
    for app, phases in tables.items():
        previous = 0.0
        rows = sorted(phases.items(), key=lambda item: statistics.median(w for w, _ in item[1]))
        for phase, samples in rows:
            wall = statistics.median(w for w, _ in samples)
            cpu = statistics.median(c for _, c in samples)
            print(f"| {app} | {phase} | {wall:.0f} | +{wall - previous:.0f} | {cpu:.0f} |")
            previous = wall


def main() -> None:
    """Trace the scenarios, or (``--child``) be one traced start inside tmux."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", nargs="*", default=["sample", "500k", "library"])
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--spawned", type=float)
    parser.add_argument("--out")
    parser.add_argument("--bare")
    parser.add_argument("argv", nargs="*")
    args = parser.parse_args()
    if args.child:
        child(args)
    else:
        measure(args.runs, args.only)


if __name__ == "__main__":
    main()
