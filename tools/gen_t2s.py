"""Generate bot/classify/data/t2s.txt: a char-level traditional→simplified table.

Run once with a converter installed only in the developer venv (NOT a runtime dependency):
    pip install opencc-python-reimplemented
    python tools/gen_t2s.py
Each output line is two characters: the traditional one and its simplified form.
"""

from __future__ import annotations

import sys
from pathlib import Path

RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
OUT = Path(__file__).resolve().parent.parent / "bot" / "classify" / "data" / "t2s.txt"


def main() -> int:
    """Write the table; return a process exit code."""
    from opencc import OpenCC  # type: ignore[import-not-found]

    converter = OpenCC("t2s")
    pairs: list[str] = []
    for start, end in RANGES:
        for code in range(start, end + 1):
            char = chr(code)
            simple = converter.convert(char)
            if len(simple) == 1 and simple != char:
                pairs.append(char + simple)
    header = "# traditional→simplified, one pair per line; made by tools/gen_t2s.py (OpenCC t2s)\n"
    OUT.write_text(header + "\n".join(pairs) + "\n", encoding="utf-8")
    print(f"wrote {len(pairs)} pairs to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
