"""First paint of the real ``reader`` in a terminal, against a bare Textual app.

Run: ``.venv/bin/python bench/tui_bench.py [--runs 9]`` (about a minute). Prints a table.
``--tree DIR ...`` adds other checkouts of the reader (a ``git archive`` of main, say) to
the same interleaved runs: a before/after pair on one store, in the same minutes.

Both apps run in the same private tmux server (``tmux -L``, no user config, 100x40), one
after the other, interleaved run by run so that load on the shared machine hits both alike.
The clock starts when the process is spawned (``respawn-pane``) and stops when its first
words are on the screen, as a control-mode client sees them (``capture-pane`` polled every
few milliseconds through one ``tmux -C`` client, so polling spawns no processes).

Scenarios:

* **sample**: ``reader SAMPLE`` (the shipped article, its analysis cached).
* **500k**: ``reader BIG`` on a generated 500,000-word document (the sample's words).
* **library**: ``reader`` with no argument on a store of 500 documents (10 notes each).

The baseline is a bare Textual app (``App`` + one ``Static``) showing the same first
screen, the text ``reader`` showed in a warm-up run of the scenario. Every reader run works
on a store, config and cache in a temporary directory (``READER_DB`` and so on).

``--profile SCENARIO`` runs the reader under cProfile until its first words show, then
prints the top functions by cumulative time (see ``docs/PERFORMANCE.md``).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "000_a1bfd4ae36a8a1d3.txt"
SIZE = (100, 40)
BIG_WORDS = 500_000
LIBRARY_DOCUMENTS = 500
POLL_SECONDS = 0.004
TIMEOUT_SECONDS = 30.0


def bare_app(screen_file: str) -> None:
    """The baseline: a bare Textual app showing ``screen_file``'s text in a Static."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    text = Path(screen_file).read_text(encoding="utf-8")

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(text, markup=False)

    Bare().run()


_SERVERS = itertools.count()


class Tmux:
    """A private tmux server with one pane, driven through one control-mode client."""

    def __init__(self, env: dict[str, str]) -> None:
        self.socket = f"reader-bench-{os.getpid()}-{next(_SERVERS)}"
        width, height = SIZE
        base = ["tmux", "-L", self.socket, "-f", "/dev/null"]
        self.base = base
        session = ["new-session", "-d", "-s", "b", "-x", str(width), "-y", str(height), "cat"]
        keep = [";", "set", "-g", "remain-on-exit", "on"]
        subprocess.run([*base, *session, *keep], check=True, env=env)
        self.client = subprocess.Popen(
            [*base, "-C", "attach", "-t", "b"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            errors="replace",
        )
        self._read_block()  # the reply to attaching
        self.command("refresh-client -f no-output")

    def command(self, line: str) -> list[str]:
        """Run one tmux command through the control client; its output lines."""
        assert self.client.stdin is not None and self.client.stdout is not None
        self.client.stdin.write(line + "\n")
        self.client.stdin.flush()
        return self._read_block()

    def _read_block(self) -> list[str]:
        assert self.client.stdout is not None
        out: list[str] = []
        inside = False
        for raw in self.client.stdout:
            text = raw.rstrip("\n")
            if text.startswith("%begin"):
                inside, out = True, []
            elif inside and text.startswith(("%end", "%error")):
                return out
            elif inside:
                out.append(text)
        raise RuntimeError(f"tmux control client closed; last lines: {out[-5:]}")

    def screen(self) -> str:
        """The pane's text."""
        return "\n".join(self.command("capture-pane -p -t b"))

    def time_to(self, argv: list[str], marker: str) -> float:
        """Seconds from spawning ``argv`` in the pane to ``marker`` showing on its screen."""
        command = " ".join(_quote(arg) for arg in argv)
        started = time.perf_counter()
        self.command(f"respawn-pane -k -t b {_quote(command)}")
        while marker not in self.screen():
            if time.perf_counter() - started > TIMEOUT_SECONDS:
                raise RuntimeError(f"{marker!r} never showed; screen:\n{self.screen()}")
            time.sleep(POLL_SECONDS)
        return time.perf_counter() - started

    def stop(self) -> None:
        """Kill what runs in the pane (SIGHUP to its process group) and wait for quiet."""
        self.command("respawn-pane -k -t b cat")
        time.sleep(0.2)

    def close(self) -> None:
        """Kill the private server."""
        if self.client.stdin is not None:
            self.client.stdin.close()
        self.client.wait(timeout=5)
        subprocess.run([*self.base, "kill-server"], capture_output=True, check=False)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def big_document(words: int = BIG_WORDS, seed: int = 7) -> str:
    """Paragraphs of 40-160 words drawn from the sample (its curly quotes included)."""
    vocabulary = SAMPLE.read_text(encoding="utf-8").split()
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < words:
        count = rng.randint(40, 160)
        paragraphs.append(" ".join(rng.choice(vocabulary) for _ in range(count)))
        total += count
    return "\n\n".join(paragraphs)


def first_words(path: Path) -> str:
    """The first four words of the first line longer than a byline: on one screen line."""
    paragraphs = path.read_text(encoding="utf-8").splitlines()
    words = next(p.split() for p in paragraphs if len(p) > 40)
    return " ".join(words[:4])


def reader_argv(source: str | None) -> list[str]:
    """The installed ``reader`` console script next to this Python (``-m reader`` if none)."""
    script = Path(sys.executable).parent / "reader"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "reader"]
    return [*command, *([source] if source else [])]


def prepare(work: Path) -> tuple[dict[str, str], dict[str, tuple[str | None, str]]]:
    """The environment and the scenarios: name -> (reader's SOURCE, marker on screen)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), READER_CONFIG_DIR=str(work / "config"))
    env["READER_CACHE_DIR"] = str(work / "cache")
    env.pop("READER_THEME", None)
    # As installed: bytecode compiled once (pip does it), not compiled again on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "reader")], check=True)
    big = work / "big-500k.txt"
    big.write_text(big_document(), encoding="utf-8")
    sys.path.insert(0, str(ROOT))
    from bench.store_bench import build_reader_store

    (work / "library").mkdir()
    library_db, documents = build_reader_store(work / "library", 10 * LIBRARY_DOCUMENTS)
    (work / "store").mkdir()
    env["READER_DB"] = str(work / "store" / "annotations.json")
    newest = max(documents, key=lambda d: (d.last_opened, d.id))  # the library's first row
    scenarios = {
        "sample": (str(SAMPLE), first_words(SAMPLE)),
        "500k": (str(big), first_words(big)),
        "library": (None, newest.title),
    }
    env["BENCH_LIBRARY_DB"] = str(library_db)
    return env, scenarios


def scenario_env(env: dict[str, str], name: str) -> dict[str, str]:
    """The library scenario reads the 500-document store; the others a store of their own."""
    return dict(env, READER_DB=env["BENCH_LIBRARY_DB"]) if name == "library" else env


def warm_up(env: dict[str, str], source: str | None) -> None:
    """The sample's analysis in the cache, as on a second open (the 500k's analysis starts
    after the first paint: its child process ends with the reader)."""
    if source == str(SAMPLE):
        subprocess.run(
            [*reader_argv(None), "analyze", source], env=env, capture_output=True, check=True
        )


def run(runs: int, only: list[str], trees: list[Path]) -> None:
    """Measure and print the table (a row per scenario, and per other tree of the reader)."""
    load = os.getloadavg()
    for tree in trees:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "reader")], check=True)
    with tempfile.TemporaryDirectory(prefix="reader-tui-bench-") as directory:
        work = Path(directory)
        env, scenarios = prepare(work)
        rows = []
        for name in only:
            source, marker = scenarios[name]
            tmux = Tmux(scenario_env(env, name))
            try:
                bare, *reals = measure(tmux, work, env, name, source, marker, runs, trees)
                for tree, real in zip(["this tree", *map(str, trees)], reals, strict=True):
                    rows.append((name if not trees else f"{name}, {tree}", bare, real))
            finally:
                tmux.close()
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"| scenario ({runs} interleaved runs, tmux {SIZE[0]}x{SIZE[1]}) | bare Textual app | "
          "reader | ratio | spread of reader |")  # fmt: skip
    print("|---|---:|---:|---:|---:|")
    for name, bare, real in rows:
        ratio = statistics.median(real) / statistics.median(bare)
        print(
            f"| {name} | {_ms(bare)} | {_ms(real)} | **{ratio:.2f}x** | "
            f"{min(real) * 1000:.0f}–{max(real) * 1000:.0f} ms |"
        )


def measure(
    tmux: Tmux,
    work: Path,
    env: dict[str, str],
    name: str,
    source: str | None,
    marker: str,
    runs: int,
    trees: list[Path] = [],  # noqa: B006 (never mutated)
) -> list[list[float]]:
    """First-paint seconds of the bare app, this reader and each other tree's, interleaved
    (the order turns round every run)."""
    real_env = scenario_env(env, name)
    warm_up(real_env, source)
    argv = reader_argv(source)
    tmux.time_to(argv, marker)  # warm-up run: its screen is the baseline's text
    time.sleep(1.0)
    screen_file = work / f"screen-{name}.txt"
    screen_file.write_text(tmux.screen().rstrip() + "\n", encoding="utf-8")
    tmux.stop()
    # With other trees, every reader starts through ``env`` alike (its exec costs ~1 ms).
    readers = [["env", f"PYTHONPATH={tree}", *argv] for tree in [ROOT, *trees]]
    commands = [[sys.executable, __file__, "--bare", str(screen_file)]]
    commands += readers if trees else [argv]
    for command in commands[2:]:  # each other tree's own warm-up (its caches)
        tmux.time_to(command, marker)
        tmux.stop()
    samples: list[list[float]] = [[] for _ in commands]
    for index in range(runs):
        order = list(zip(samples, commands, strict=True))
        for times, command in order if index % 2 else reversed(order):
            times.append(tmux.time_to(command, marker))
            tmux.stop()
    return samples


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms"


def profile(name: str, out: Path) -> None:
    """Run the reader on scenario ``name`` under cProfile until its first words show."""
    import pstats

    out.unlink(missing_ok=True)  # the wait below is for this run's file, not an older one
    with tempfile.TemporaryDirectory(prefix="reader-tui-profile-") as directory:
        work = Path(directory)
        env, scenarios = prepare(work)
        source, marker = scenarios[name]
        env = scenario_env(env, name)
        warm_up(env, source)
        tmux = Tmux(env)
        try:
            command = [sys.executable, __file__, "--profiled", name, "--out", str(out)]
            command += ["--marker", marker, "--socket", tmux.socket, "--", *reader_argv(source)]
            tmux.command(f"respawn-pane -k -t b {_quote(' '.join(map(_quote, command)))}")
            deadline = time.time() + 60
            while not out.exists() and time.time() < deadline:
                time.sleep(0.1)
            time.sleep(0.5)
        finally:
            tmux.close()
    stats = pstats.Stats(str(out))
    stats.sort_stats("cumulative").print_stats(45)


def profiled_child(out: Path, marker: str, socket: str, argv: list[str]) -> None:
    """Inside tmux: run ``reader`` in this process under cProfile; exit at first paint."""
    import cProfile

    from textual.app import App

    apps: list[App[object]] = []
    original = App.__init__

    def remember(self: App[object], *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        apps.append(self)

    App.__init__ = remember  # type: ignore[method-assign]

    def watch() -> None:
        capture = ["tmux", "-L", socket, "capture-pane", "-p", "-t", "b"]
        while True:
            screen = subprocess.run(capture, capture_output=True, text=True).stdout
            if marker in screen and apps:
                apps[0].call_from_thread(apps[0].exit)
                return
            time.sleep(0.01)

    threading.Thread(target=watch, daemon=True).start()
    from reader.cli import main

    profiler = cProfile.Profile()
    with contextlib.suppress(SystemExit):
        profiler.runcall(main, argv[1:])
    profiler.dump_stats(str(out))


def main() -> None:
    """Parse arguments and run the benchmark, the baseline app or the profiler."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--only", nargs="*", default=["sample", "500k", "library"])
    parser.add_argument("--tree", nargs="*", type=Path, default=[], help="other reader trees")
    parser.add_argument("--profile", choices=["sample", "500k", "library"])
    parser.add_argument("--out", type=Path, default=Path("reader-start.prof"))
    parser.add_argument("--bare")
    parser.add_argument("--profiled")
    parser.add_argument("--marker")
    parser.add_argument("--socket")
    parser.add_argument("argv", nargs="*")
    args = parser.parse_args()
    if args.bare:
        bare_app(args.bare)
    elif args.profiled:
        profiled_child(args.out, args.marker, args.socket, args.argv)
    elif args.profile:
        if shutil.which("tmux") is None:
            sys.exit("tmux is needed")
        profile(args.profile, args.out.resolve())
    else:
        if shutil.which("tmux") is None:
            sys.exit("tmux is needed")
        run(args.runs, args.only, [tree.resolve() for tree in args.tree])


if __name__ == "__main__":
    main()
