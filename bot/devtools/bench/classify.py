"""Benchmark of `python -m bot classify` against a bare `jieba.lcut` loop (both as processes).

Messages come from a small generator (templates × places × subjects), not from any data set.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = ["BASELINE_CODE", "bench_classify", "format_bench", "generate_messages"]

_PLACE_LIST = """
3栋 5号楼 2单元 7栋2单元 东门 北门 地下车库B区 负一楼 负二楼 篮球场
中心花园 儿童乐园 二期 B区 12栋 1号楼 6幢 西门保安亭 健身区 车库
"""
_SUBJECT_LIST = """
电梯:又坏了 电梯:停了两天了 电梯:困人了 垃圾桶:满了没人收 垃圾:堆了三天了
水管:爆了 水压:好小 楼道灯:不亮 路灯:坏了一排 消防通道:被车堵死了
门禁:坏了 监控:是摆设 狗屎:到处都是 楼上:装修太吵了 广场舞:音响开得震天响
车位:又被占了 道闸:抬不起来 树枝:挡到窗户了 下水道:堵了 电表:走得飞快
"""
_PLACES = tuple(_PLACE_LIST.split())
_SUBJECTS = tuple(tuple(pair.split(":")) for pair in _SUBJECT_LIST.split())
_TONES = ("", "", "！！", "，物业管不管嘛", "，好几天了", "😡", "，能不能处理一下", "，恼火得很")
_COMPLAINTS = (
    "{place}{subject}{problem}{tone}",
    "{place}的{subject}{problem}{tone}",
    "@物业 {place}{subject}{problem}{tone}",
    "{subject}{problem}，在{place}{tone}",
)
_OTHERS = (
    "转让婴儿车一辆，{place}自提",
    "谢谢物业，{place}的{subject}修好了👍",
    "请问{place}的{subject}什么时候修好？",
    "【通知】明天上午9点{place}{subject}检修，届时暂停使用",
    "捡到一串钥匙，放在{place}了",
    "大家早上好☀️",
    "团购水果接龙 {place} 两箱",
    "今晚{place}放露天电影，欢迎大家",
)

BASELINE_CODE = """\
import json, sys
import jieba
for line in sys.stdin:
    text = json.loads(line)["text"]
    print(len(jieba.lcut(text)))
"""


def generate_messages(count: int, seed: int = 7) -> list[str]:
    """`count` short, realistic group messages (about 70% complaints)."""
    rng = random.Random(seed)
    out: list[str] = []
    for _ in range(count):
        subject, problem = rng.choice(_SUBJECTS)
        template = rng.choice(_COMPLAINTS) if rng.random() < 0.7 else rng.choice(_OTHERS)
        out.append(
            template.format(
                place=rng.choice(_PLACES), subject=subject, problem=problem, tone=rng.choice(_TONES)
            )
        )
    return out


def _run(argv: list[str], input_path: Path, output_path: Path) -> dict[str, float]:
    """Run one process from input file to output file: wall time, lines, peak RSS."""
    with input_path.open("rb") as stdin, output_path.open("wb") as stdout:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=stdin, stdout=stdout, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[:3]} exited with {proc.returncode}")
    with output_path.open("rb") as produced:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: produced.read(1 << 16), b""))
    return {"wall_s": wall, "lines": float(lines), "peak_rss_mb": usage.ru_maxrss / 1024.0}


def _first_line(argv: list[str], input_path: Path) -> float:
    """Seconds from spawn to the first output line (the process reads a small input)."""
    with input_path.open("rb") as stdin:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        assert proc.stdout is not None
        proc.stdout.readline()
        first = time.perf_counter() - start
        proc.stdout.read()
        proc.wait()
    return first


def bench_classify(messages: int = 20_000, repeats: int = 3) -> dict[str, Any]:
    """Measure both processes (best of `repeats`); the figures as a JSON-ready dict.

    Wall time and peak RSS come from runs that read the messages from a file and write their
    answers to a file; the time to the first answer from runs whose output is a pipe.
    """
    texts = generate_messages(max(1, messages))
    python = sys.executable
    classify = [python, "-m", "bot", "classify"]
    baseline = [python, "-c", BASELINE_CODE]
    with tempfile.TemporaryDirectory(prefix="yuanzi-bench-") as tmp:
        path = Path(tmp) / "messages.jsonl"
        small = Path(tmp) / "first.jsonl"
        out = Path(tmp) / "out.jsonl"
        lines = [json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts]
        path.write_text("".join(lines), encoding="utf-8")
        small.write_text("".join(lines[:50]), encoding="utf-8")
        # Warm jieba's dictionary cache so that neither side pays for building it.
        subprocess.run(
            [python, "-c", "import jieba; jieba.initialize()"],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        ours: list[dict[str, float]] = []
        base: list[dict[str, float]] = []
        ours_first: list[float] = []
        base_first: list[float] = []
        for _ in range(max(1, repeats)):  # interleaved, so that load changes hit both sides
            ours.append(_run(classify, path, out))
            base.append(_run(baseline, path, out))
            ours_first.append(_first_line(classify, small))
            base_first.append(_first_line(baseline, small))
    count = len(texts)
    ours_wall = min(r["wall_s"] for r in ours)
    base_wall = min(r["wall_s"] for r in base)
    return {
        "messages": count,
        "repeats": max(1, repeats),
        "classify_wall_s": round(ours_wall, 3),
        "classify_msgs_per_s": round(count / ours_wall, 1),
        "baseline_wall_s": round(base_wall, 3),
        "baseline_msgs_per_s": round(count / base_wall, 1),
        "ratio": round(ours_wall / base_wall, 3),
        "ratio_target": 1.5,
        "startup_to_first_s": round(min(ours_first), 3),
        "startup_target_s": 1.5,
        "baseline_startup_to_first_s": round(min(base_first), 3),
        "classify_peak_rss_mb": round(max(r["peak_rss_mb"] for r in ours), 1),
        "baseline_peak_rss_mb": round(max(r["peak_rss_mb"] for r in base), 1),
        "classify_lines": int(ours[0]["lines"]),
    }


def format_bench(f: dict[str, Any]) -> str:
    """A small table of the figures."""
    rows = [
        ("", "python -m bot classify", "jieba.lcut loop"),
        ("wall time (s)", f"{f['classify_wall_s']:.3f}", f"{f['baseline_wall_s']:.3f}"),
        ("messages/s", f"{f['classify_msgs_per_s']:.0f}", f"{f['baseline_msgs_per_s']:.0f}"),
        (
            "spawn → first line (s)",
            f"{f['startup_to_first_s']:.3f}",
            f"{f['baseline_startup_to_first_s']:.3f}",
        ),
        ("peak RSS (MB)", f"{f['classify_peak_rss_mb']:.1f}", f"{f['baseline_peak_rss_mb']:.1f}"),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"bench classify: {f['messages']} messages, best of {f['repeats']} runs each"]
    lines += ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip() for r in rows]
    ok_ratio = "ok" if f["ratio"] <= f["ratio_target"] else "OVER TARGET"
    ok_start = "ok" if f["startup_to_first_s"] <= f["startup_target_s"] else "OVER TARGET"
    ratio = f"ratio classify/baseline: {f['ratio']:.2f} (target ≤ {f['ratio_target']})"
    lines.append(f"{ratio} {ok_ratio}")
    lines.append(
        f"startup to first classification: {f['startup_to_first_s']:.2f} s "
        f"(target ≤ {f['startup_target_s']} s) {ok_start}"
    )
    return "\n".join(lines)
