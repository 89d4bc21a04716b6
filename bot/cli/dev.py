"""`demo` and `bench`: the developers' tools, run from the command line."""

from __future__ import annotations

import argparse
import asyncio
import sys

__all__ = ["bench", "demo"]


def demo(args: argparse.Namespace) -> int:
    """A morning in a building group, replayed offline against the real bot."""
    from bot.devtools.demo import run_demo

    return asyncio.run(run_demo(sys.stdout))


def bench(args: argparse.Namespace) -> int:
    """Benchmark figures next to their baselines."""
    from bot.devtools.bench.main import run_bench

    return run_bench(args.what, vars(args), args.json, sys.stdout)
