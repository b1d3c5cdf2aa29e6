#!/usr/bin/env python3
"""House limits for the Rust sources (issue 16): no file over 600 lines and
no function over 100 lines in src/, engine/, view/ and build-index/.

Relies on rustfmt's layout (checked before this runs): a function's closing
brace sits alone at the indentation of its `fn` line. Test modules count like
any other code. Prints every breach and exits 1 if there is one."""
import pathlib
import re
import sys

MAX_FILE = 600
MAX_FN = 100
ROOTS = ["src", "engine/src", "engine/tests", "view/src", "build-index/src", "build-index/tests"]
FN = re.compile(r"^(\s*)(pub(\([^)]*\))?\s+)?((const|async|unsafe|extern \"C\")\s+)*fn\s+(\w+)")


def functions(lines):
    """(name, first line, length) of every fn with a body."""
    for i, line in enumerate(lines):
        m = FN.match(line)
        if not m:
            continue
        indent = m.group(1)
        # A signature without a body (trait method, extern) ends in ';'
        # before any '{'.
        j = i
        while j < len(lines) and "{" not in lines[j] and not lines[j].rstrip().endswith(";"):
            j += 1
        if j >= len(lines) or "{" not in lines[j]:
            continue
        if lines[j].rstrip().endswith("}"):
            yield m.group(6), i + 1, j - i + 1
            continue
        close = indent + "}"
        k = j + 1
        while k < len(lines) and not lines[k].rstrip() == close:
            k += 1
        yield m.group(6), i + 1, k - i + 1


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    breaches = []
    for top in ROOTS:
        for path in sorted((root / top).rglob("*.rs")):
            rel = path.relative_to(root)
            lines = path.read_text(encoding="utf-8").splitlines()
            if len(lines) > MAX_FILE:
                breaches.append(f"{rel}: {len(lines)} lines (limit {MAX_FILE})")
            for name, line, length in functions(lines):
                if length > MAX_FN:
                    breaches.append(f"{rel}:{line}: fn {name} is {length} lines (limit {MAX_FN})")
    for b in breaches:
        print(b)
    if breaches:
        print(f"{len(breaches)} over the limits", file=sys.stderr)
        return 1
    print(f"sizes ok: files <= {MAX_FILE} lines, functions <= {MAX_FN} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
