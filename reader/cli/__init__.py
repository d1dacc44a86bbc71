"""The ``reader`` command line: ``reader [SOURCE]`` opens the TUI; subcommands script the store.

Exit codes: 0 success; 1 only for a search with no match; 2 bad input or usage; 3 any other
failure. Errors are one line on stderr; ``READER_DEBUG=1`` shows the traceback instead.

The click group is in ``reader.cli.root``. ``reader SOURCE`` and ``reader`` alone (with
``--db``/``--theme`` at most) start the TUI without it: click's import and parsing cost
about 10 ms of the first paint, and these arguments need no parser.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from reader.errors import BadInputError, ReaderError

EXIT_USAGE = 2
EXIT_FAILURE = 3


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: run the CLI and map errors to exit codes."""
    args = sys.argv[1:] if argv is None else argv
    try:
        _require_utf8_arguments(args)
        result: Any = _run(args)
    except ReaderError as error:
        _report(error, error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:
        _report(error, EXIT_FAILURE)
    sys.exit(result if isinstance(result, int) else 0)


def _run(args: list[str]) -> Any:
    """The TUI straight away for plain ``reader [SOURCE]``, else the click group."""
    from reader.cli.tui import start_tui, tui_request

    request = tui_request(args)
    if request is not None:
        start_tui(request)
        return 0
    from reader.cli import root

    return root.run(args)


def _require_utf8_arguments(args: list[str]) -> None:
    """Refuse an argument holding bytes that are not UTF-8 (Python keeps them as surrogates).

    The store is UTF-8 JSON, so such a note, tag or path could never be written: failing here
    names the argument, where a write deep in the store would fail with a codec message.
    """
    for index, arg in enumerate(args):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "backslashreplace").decode("utf-8")
            option = args[index - 1] if index and args[index - 1].startswith("-") else ""
            where = f" (after {option})" if option else ""
            raise BadInputError(
                f"argument '{shown}'{where} holds bytes that are not UTF-8 text"
            ) from None


def _report(error: BaseException, code: int) -> None:
    if os.environ.get("READER_DEBUG") == "1":
        raise error
    from reader.core.sanitize import safe_line

    message = str(error) or type(error).__name__
    print(f"reader: {safe_line(' '.join(message.split()))}", file=sys.stderr, flush=True)
    sys.exit(code)
