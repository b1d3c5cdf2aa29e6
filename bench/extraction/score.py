"""Main-text extraction on the article-extraction benchmark's pages.

Runs build-index (`build-index text --json` over the pages) and Python
trafilatura on the same pages, in one run, and prints one table.

Metric (the benchmark's): the text is split into word tokens (\\w+), and
each text becomes the multiset of its 4-token shingles. Per page,
tp = |gold ∩ pred|, fp = |pred − gold|, fn = |gold − pred|, each divided
by tp + fp + fn so every page weighs the same; the sums give precision
and recall, and F1 is their harmonic mean.

    python3 bench/extraction/score.py DEV_DIR BUILD_INDEX [--per-page FILE]
"""

import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter

TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text, n=4):
    toks = TOKEN.findall(text or "")
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def page_counts(gold, pred):
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    s = tp + fp + fn
    if s == 0:
        return 1.0, 0.0, 0.0
    return tp / s, fp / s, fn / s


def score(gold, preds):
    tp = fp = fn = 0.0
    per = {}
    for key, g in gold.items():
        a, b, c = page_counts(g, preds.get(key, ""))
        per[key] = a / (a + b + c) if a + b + c else 0.0
        tp, fp, fn = tp + a, fp + b, fn + c
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, per


def main():
    dev, binary = sys.argv[1], sys.argv[2]
    per_page_out = None
    if "--per-page" in sys.argv:
        per_page_out = sys.argv[sys.argv.index("--per-page") + 1]
    truth = json.load(open(os.path.join(dev, "ground-truth.json"), encoding="utf-8"))
    gold = {k: v.get("articleBody", "") for k, v in truth.items()}
    pages = {}
    for key in gold:
        with gzip.open(os.path.join(dev, "html", key + ".html.gz"), "rb") as f:
            pages[key] = f.read()

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for key, raw in pages.items():
            with open(os.path.join(tmp, key + ".html"), "wb") as f:
                f.write(raw)
        t0 = time.perf_counter()
        out = subprocess.run(
            [binary, "text", tmp, "--json", "--no-catalog"],
            capture_output=True,
            check=False,
        )
        took = time.perf_counter() - t0
        if out.returncode not in (0, 2):
            sys.stderr.write(out.stderr.decode("utf-8", "replace"))
            sys.exit(f"build-index text failed with exit code {out.returncode}")
        got = json.loads(out.stdout)
        ours = {k: got.get(k + ".html", "") for k in gold}
        rows.append(("build-index", ours, took))

    try:
        import trafilatura
    except ImportError:
        sys.exit("trafilatura is missing: pip install trafilatura lxml_html_clean")
    t0 = time.perf_counter()
    theirs = {}
    for key, raw in pages.items():
        theirs[key] = trafilatura.extract(raw, url=truth[key].get("url")) or ""
    rows.append((f"trafilatura {trafilatura.__version__} (Python)", theirs, time.perf_counter() - t0))

    results = []
    for name, preds, took in rows:
        p, r, f, per = score(gold, preds)
        results.append((name, p, r, f, len(pages) / took if took else 0.0, per))
    best_peer = max(f for name, _, _, f, _, _ in results[1:])
    print(f"Main-text extraction, {len(pages)} pages of the article-extraction benchmark ({os.path.abspath(dev)})")
    print()
    print("| extractor | precision | recall | F1 | pages/s |")
    print("|---|---:|---:|---:|---:|")
    for name, p, r, f, rate, _ in results:
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {rate:.0f} |")
    print()
    print(f"F1 ratio, build-index / trafilatura: {results[0][3] / best_peer:.3f}")
    if per_page_out:
        with open(per_page_out, "w", encoding="utf-8") as f:
            for key in sorted(gold, key=lambda k: results[0][5][k]):
                f.write(f"{results[0][5][key]:.3f}\t{results[1][5][key]:.3f}\t{key}\t{truth[key].get('url','')}\n")


if __name__ == "__main__":
    main()
