"""Instructions to the first frame: the real start counted by valgrind, deterministic to 0.1 %.

Run: ``PYTHONPATH=. .venv/bin/python bench/tui_instructions.py [--only sample] [--tree DIR ...]``
(about 10 s a start; needs ``valgrind`` and ``tmux``).

``tui_bench`` (wall time) and ``tui_trace`` (CPU time) move by 10-30 % with the load of a
shared machine, more than a change of a few milliseconds. This counts the instructions the
process runs from its start until Textual's writer thread is handed the first frame (the
first write of more than 2,000 characters; the process then ends at once), under
``valgrind --tool=cachegrind --cache-sim=no``, with ``PYTHONHASHSEED=0``: the same start
counts the same within 0.1 %, whatever else runs. Instructions are not time (an instruction
of a cache miss costs more than one of a tight loop), so ``tui_bench`` stays the measure of
the targets; this one tells whether a change made the start do less.

Same scenarios, store, cache and baseline as ``tui_bench`` (the bare app shows the screen
the reader showed). Under valgrind everything runs about 50 times slower, so timers would
fire where they never do in a real start: the reader's child sets its after-the-first-paint
delays (completing the reading screen, resuming the garbage collector, the idle analysis)
out of reach. ``--tree DIR`` adds a row per scenario for another checkout of the reader (a
``git archive`` of main, say), run on the same store.
"""

from __future__ import annotations

# The child imports only these (its imports count, and the bare app's count the same way).
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_FRAME_CHARS = 2000
TIMEOUT_SECONDS = 180.0


def child(argv: list[str]) -> None:
    """Inside valgrind, inside tmux: one start, ended when the first frame is written."""
    from textual.drivers import _writer_thread

    def write(_writer: object, text: str) -> None:
        if len(text) > FIRST_FRAME_CHARS:
            os._exit(0)

    _writer_thread.WriterThread.write = write  # type: ignore[method-assign,assignment]
    if argv[:1] == ["--bare"]:  # as ``tui_bench.bare_app``
        from textual.app import App, ComposeResult
        from textual.widgets import Static

        text = Path(argv[1]).read_text(encoding="utf-8")

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Static(text, markup=False)

        Bare().run()
        return
    from reader.ui import collection, library_analysis
    from reader.ui.screens import reading

    reading.COMPLETE_AFTER_SECONDS = 1000.0
    collection.RESUME_AFTER_SECONDS = 1000.0
    library_analysis.IdleAnalysis.idle_seconds = 0
    from reader.cli import main

    main(argv)


def count(tmux_base: list[str], env: dict[str, str], python_path: str, argv: list[str]) -> float:
    """Millions of instructions of one start (``argv`` for ``child``) under valgrind."""
    import re
    import subprocess
    import tempfile
    import time

    with tempfile.TemporaryDirectory(prefix="reader-vg-") as directory:
        log, done = Path(directory) / "vg.log", Path(directory) / "done"
        command = [
            "env",
            "PYTHONHASHSEED=0",
            f"PYTHONPATH={python_path}",
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            f"--log-file={log}",
            sys.executable,
            __file__,
            "--child",
            "--",
            *argv,
        ]
        shell = " ".join(_quote(part) for part in command) + f"; touch {_quote(str(done))}"
        subprocess.run([*tmux_base, "respawn-pane", "-k", "-t", "b", shell], check=True, env=env)
        deadline = time.time() + TIMEOUT_SECONDS
        while not done.exists() and time.time() < deadline:
            time.sleep(0.2)
        match = re.search(r"I\s+refs:\s+([\d,]+)", log.read_text(encoding="utf-8"))
        if match is None:
            raise RuntimeError(f"no instruction count; valgrind said:\n{log.read_text()}")
        return int(match.group(1).replace(",", "")) / 1e6


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def run(names: list[str], trees: list[Path]) -> None:
    """Count bare and reader starts per scenario and print the table."""
    import subprocess
    import tempfile
    import time

    sys.path.insert(0, str(ROOT))
    from bench import tui_bench

    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rows: list[tuple[str, str, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="reader-tui-instructions-") as directory:
        work = Path(directory)
        env, scenarios = tui_bench.prepare(work)
        for tree in trees:
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "reader")])
        for name in names:
            source, marker = scenarios[name]
            scenario_env = tui_bench.scenario_env(env, name)
            tui_bench.warm_up(scenario_env, source)
            tmux = tui_bench.Tmux(scenario_env)
            try:
                tmux.time_to(tui_bench.reader_argv(source), marker)
                time.sleep(1.0)
                screen = work / f"screen-{name}.txt"
                screen.write_text(tmux.screen().rstrip() + "\n", encoding="utf-8")
                tmux.stop()
                bare = count(tmux.base, scenario_env, str(ROOT), ["--bare", str(screen)])
                args = [source] if source else []
                for tree in [ROOT, *trees]:
                    real = count(tmux.base, scenario_env, str(tree), args)
                    label = "this tree" if tree == ROOT else str(tree)
                    rows.append((name, label, bare, real))
            finally:
                tmux.close()
    print("| scenario | reader | bare app (M instructions) | reader | ratio |")
    print("|---|---|---:|---:|---:|")
    for name, label, bare, real in rows:
        print(f"| {name} | {label} | {bare:.1f} | {real:.1f} | **{real / bare:.3f}x** |")


def main() -> None:
    """Count the starts, or (``--child``) be one start inside valgrind."""
    import argparse
    import shutil

    if "--child" in sys.argv[1:2]:
        child(sys.argv[sys.argv.index("--") + 1 :])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--only", nargs="*", default=["sample", "500k", "library"])
    parser.add_argument("--tree", nargs="*", type=Path, default=[])
    args = parser.parse_args()
    for tool in ("valgrind", "tmux"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is needed")
    run(args.only, [tree.resolve() for tree in args.tree])


if __name__ == "__main__":
    main()
