#!/usr/bin/env python3
"""The table of scripts/bench-scale.sh: reads what one run measured and
prints it (Markdown), checked against the scale targets of issue 13, item 4:

  build wall time <= 5 min, peak RSS <= 2 GB (2,048 MiB), index data fetched
  while typing (median over the words) <= 1.5 x the 100,000-entry figure
  (bench/out/results/typing.json of a 100k run), and the site's files
  against the static hosts README.md lists.

    python3 bench/scale/report.py --dir RUN_DIR --site SITE --corpus-info CORPUS.json
        [--typing TYPING.json] [--baseline TYPING_100K.json] [--json OUT.json] [--du BYTES]

RUN_DIR holds the build's files: time.txt (/usr/bin/time -v), build.json
(build-index --json), trace.txt (BUILD_INDEX_TRACE=1 phases), load.txt.
Standard library only.
"""
import argparse
import json
import os
import re
import sys
import zlib

BUILD_LIMIT_S = 300
RSS_LIMIT_MIB = 2048
TYPING_FACTOR = 1.5
# README.md, "Deploy to a static host" (free plans, as documented in 2026).
HOSTS = [
    ("Cloudflare Pages", {"files": 20_000, "file_bytes": 25 * 2**20, "file_label": "25 MiB"}),
    ("GitHub Pages", {"site_bytes": 10**9, "file_bytes": 100 * 10**6, "file_label": "100 MB"}),
]


def kb(b):
    if b is None:
        return "–"
    return f"{b / 1e6:.2f} MB" if b >= 1e6 else f"{round(b / 1e3)} KB"


def mb(b):
    return f"{b / 1e6:,.0f} MB" if b < 1e9 else f"{b / 1e9:.2f} GB"


def gz_size(path):
    with open(path, "rb") as f:
        raw = f.read()
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return len(raw), min(len(raw), len(c.compress(raw) + c.flush()))


def site_stats(site):
    files = 0
    total = 0
    largest = (0, "")
    for root, _, names in os.walk(site):
        for n in names:
            p = os.path.join(root, n)
            s = os.path.getsize(p)
            files += 1
            total += s
            if s > largest[0]:
                largest = (s, os.path.relpath(p, site))
    index = os.path.join(site, "index")
    kinds = {}
    raw_sum = gz_sum = 0
    for n in sorted(os.listdir(index)):
        r, g = gz_size(os.path.join(index, n))
        k = re.split(r"[-.]", n)[0]
        e = kinds.setdefault(k, {"files": 0, "bytes": 0, "gz": 0})
        e["files"] += 1
        e["bytes"] += r
        e["gz"] += g
        raw_sum += r
        gz_sum += g
    return {
        "files": files,
        "bytes": total,
        "largest_file": largest[1],
        "largest_bytes": largest[0],
        "index_files": sum(e["files"] for e in kinds.values()),
        "index_bytes": raw_sum,
        "index_gz": gz_sum,
        "index_kinds": kinds,
    }


def parse_time(path):
    text = open(path, encoding="utf-8").read()
    def field(label):
        m = re.search(re.escape(label) + r":\s*(.+)", text)
        return m.group(1).strip() if m else None
    wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    return {
        "wall_s": secs,
        "user_s": float(field("User time (seconds)")),
        "sys_s": float(field("System time (seconds)")),
        "cpu_percent": field("Percent of CPU this job got"),
        "max_rss_kib": int(field("Maximum resident set size (kbytes)")),
        "exit": int(field("Exit status")),
    }


def parse_trace(path):
    out = []
    for line in open(path, encoding="utf-8", errors="replace"):
        m = re.match(r"phase (\S+)\s+([\d.]+) s\s+rss (\d+) MB, peak (\d+) MB", line)
        if m:
            out.append({"phase": m.group(1), "s": float(m.group(2)), "rss_mib": int(m.group(3)), "peak_mib": int(m.group(4))})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--site", required=True)
    ap.add_argument("--corpus-info", required=True)
    ap.add_argument("--typing")
    ap.add_argument("--baseline")
    ap.add_argument("--json")
    ap.add_argument("--du", type=int, help="du -sb of the site (folders included)")
    a = ap.parse_args()

    corpus = json.load(open(a.corpus_info))
    t = parse_time(os.path.join(a.dir, "time.txt"))
    build = json.load(open(os.path.join(a.dir, "build.json")))
    phases = parse_trace(os.path.join(a.dir, "trace.txt"))
    load = [" / ".join(l.split()) for l in open(os.path.join(a.dir, "load.txt")).read().splitlines()] + ["?", "?"]
    site = site_stats(a.site)
    typing = json.load(open(a.typing)) if a.typing and os.path.exists(a.typing) else None
    base = json.load(open(a.baseline)) if a.baseline and os.path.exists(a.baseline) else None
    if base is not None and base.get("docs") != 100_000:
        print(f"report: {a.baseline} is a run at {base.get('docs')} documents, not 100,000: no baseline", file=sys.stderr)
        base = None

    rss_mib = t["max_rss_kib"] / 1024
    rows = []
    verdicts = []

    def verdict(ok):
        return "met" if ok else "**MISSED**"

    n = corpus["docs"]
    rows.append(("documents", f"{n:,} ({corpus['distinct_docs']:,} distinct + {corpus['repeated_docs']:,} repeats)", "", ""))
    rows.append(("corpus", f"{mb(corpus['bytes'])} JSONL in {len(corpus['files'])} files, {build.get('words', 0):,} words", "", ""))
    ok = t["wall_s"] <= BUILD_LIMIT_S
    verdicts.append(("build time", ok))
    rows.append((
        "build, wall time",
        f"{t['wall_s']:.0f} s ({t['wall_s'] / 60:.1f} min); CPU {t['user_s'] + t['sys_s']:.0f} s ({t['cpu_percent']})",
        f"≤ {BUILD_LIMIT_S} s",
        verdict(ok),
    ))
    rm_txt = os.path.join(a.dir, "rm.txt")
    if os.path.exists(rm_txt) and open(rm_txt).read().strip():
        rows.append(("  before it, not counted", open(rm_txt).read().strip() + " (rm -rf; build-index replacing its output does this in its commit phase)", "", ""))
    if phases:
        rows.append((
            "  phases: s (peak RSS MiB at its end)",
            ", ".join(f"{p['phase']} {p['s']:.1f} ({p['peak_mib']:,})" for p in phases if p["s"] >= 0.05),
            "",
            "",
        ))
    ok = rss_mib <= RSS_LIMIT_MIB
    verdicts.append(("peak RSS", ok))
    rows.append(("build, peak RSS", f"{rss_mib:,.0f} MiB ({t['max_rss_kib'] * 1024 / 1e9:.2f} GB)", f"≤ {RSS_LIMIT_MIB:,} MiB", verdict(ok)))
    du = f" (du -sb {a.du:,})" if a.du else ""
    rows.append(("site: files, bytes", f"{site['files']:,} files, {site['bytes']:,} bytes in files{du}", "", ""))
    k = site["index_kinds"]
    kinds = ", ".join(f"{name} {e['files']:,}" for name, e in sorted(k.items(), key=lambda kv: -kv[1]["files"]))
    rows.append(("index: files, bytes", f"{site['index_files']:,} files ({kinds}), {site['index_bytes']:,} bytes raw, {mb(site['index_gz'])} gzip summed per file", "", ""))
    rows.append(("largest file", f"{site['largest_file']}, {mb(site['largest_bytes'])}", "", ""))
    misfits = []
    for host, lim in HOSTS:
        why = []
        if "files" in lim and site["files"] > lim["files"]:
            why.append(f"{site['files']:,} files > {lim['files']:,}")
        if "site_bytes" in lim and site["bytes"] > lim["site_bytes"]:
            why.append(f"{mb(site['bytes'])} > {mb(lim['site_bytes'])}")
        if "file_bytes" in lim and site["largest_bytes"] > lim["file_bytes"]:
            why.append(f"{site['largest_file']} {mb(site['largest_bytes'])} > {lim['file_label']} per file")
        if why:
            misfits.append(f"{host}: {'; '.join(why)}")
    verdicts.append(("files (static hosts)", not misfits))
    rows.append(("site vs static hosts (README)", "; ".join(misfits) or "fits Cloudflare Pages and GitHub Pages", "Cloudflare Pages 20,000 files, 25 MiB/file; GitHub Pages 1 GB, 100 MB/file", verdict(not misfits)))

    if typing:
        o = typing["summary"]["ours"]
        b = base["summary"]["ours"] if base else None
        limit = TYPING_FACTOR * b["typing_index_gz"] if b else None
        ok = limit is not None and o["typing_index_gz"] <= limit
        ratio = f", {o['typing_index_gz'] / b['typing_index_gz']:.2f}× the 100k {kb(b['typing_index_gz'])}" if b else ""
        verdicts.append(("typing bytes", ok if b else None))
        rows.append((
            "index fetched while typing, gzip, median",
            f"{kb(o['typing_index_gz'])}{ratio}",
            f"≤ {kb(limit)} (1.5 × 100k)" if limit else "no 100k baseline",
            verdict(ok) if b else "–",
        ))
        per = [w for w in typing["per_word"] if w["tool"] == "ours"]
        rows.append(("  per word", ", ".join(f"{w['word']} {kb(w['typing_index_gz'])}" for w in per), "", ""))
        ctx = lambda key, fmt: f"{fmt(o[key])}" + (f" (100k: {fmt(b[key])})" if b else "")
        rows.append(("  start-up index (manifest + docmeta), gzip", ctx("startup_index_gz", kb), "", ""))
        rows.append(("  requests while typing, median", ctx("typing_requests", lambda v: f"{v:g}"), "", ""))
        rows.append(("  last key → results shown, median", ctx("latency_ms", lambda v: f"{v:.0f} ms"), "", ""))
        rows.append(("  page load → search box ready, median", ctx("ready_ms", lambda v: f"{v:.0f} ms"), "", ""))

    lines = [
        f"Scale run: {n:,} documents; load average {load[0]} at start, {load[1]} at end (1/5/15 min)",
    ]
    if os.path.exists(os.path.join(a.dir, "bin.txt")):
        lines.append(f"build-index: {open(os.path.join(a.dir, 'bin.txt')).read().strip()}")
    lines += [
        "",
        "| | measured | target | |",
        "|:--|:--|:--|:--|",
    ]
    lines += [f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} |" for r in rows]
    missed = [name for name, ok in verdicts if ok is False]
    lines += ["", "Targets missed: " + (", ".join(missed) if missed else "none")]
    print("\n".join(lines))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(
                {"docs": n, "corpus": {k: corpus[k] for k in ("docs", "distinct_docs", "repeated_docs", "bytes", "per_source")},
                 "time": t, "build": {k: build.get(k) for k in ("seconds", "documents", "words", "index_files", "index_bytes", "site_files", "phases")},
                 "trace": phases, "site": site, "load": load[:2],
                 "typing": typing["summary"] if typing else None, "baseline": base["summary"] if base else None,
                 "missed": missed},
                f, indent=1,
            )
            f.write("\n")


if __name__ == "__main__":
    main()
