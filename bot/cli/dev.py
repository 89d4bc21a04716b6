"""`demo` and `bench`: the developers' tools, run from the command line."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys

__all__ = ["bench", "demo"]


def demo(args: argparse.Namespace) -> int:
    """A morning in a building group, replayed offline against the real bot; with --desk, the
    office desk stays open with its tickets until Ctrl-C."""
    from bot.cli.common import fail
    from bot.cli.environment import temp_folder_problem
    from bot.desk.server import DeskCannotListen
    from bot.devtools.demo import run_demo
    from bot.devtools.runner import loopback_direct

    if (problem := temp_folder_problem()) is not None:  # its database is a SQLite file
        return fail(problem)
    loopback_direct()
    signal.signal(signal.SIGTERM, _interrupted)  # as Ctrl-C: the temporary database goes
    if args.desk and not 1 <= args.desk_port <= 65535:
        return fail(f"--desk-port: expected a port from 1 to 65535, got {args.desk_port}")
    if args.desk:  # "按 Ctrl-C 结束演示" holds even when started with Ctrl-C ignored (`cmd &`)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return asyncio.run(run_demo(sys.stdout, args.desk_port if args.desk else None))
    except KeyboardInterrupt:
        print("demo ended", file=sys.stderr)
        return 0
    except DeskCannotListen as exc:
        return fail(f"--desk-port: {exc}")


def bench(args: argparse.Namespace) -> int:
    """Benchmark figures next to their baselines."""
    from bot.cli.common import fail
    from bot.cli.environment import temp_folder_problem
    from bot.devtools.bench.main import run_bench
    from bot.devtools.runner import loopback_direct

    if (problem := temp_folder_problem()) is not None:  # SQLite files, for most of its figures
        return fail(problem)
    loopback_direct()
    signal.signal(signal.SIGTERM, _interrupted)  # as Ctrl-C: temporary files and bots go
    try:
        return run_bench(args.what, vars(args), args.json, sys.stdout)
    except KeyboardInterrupt:
        print("bench interrupted", file=sys.stderr)
        return 130


def _interrupted(signum: int, frame: object) -> None:
    """SIGTERM as Ctrl-C (asyncio's own handling of it cancels the run in an orderly way):
    the `finally` blocks clean up what a run started."""
    os.kill(os.getpid(), signal.SIGINT)
