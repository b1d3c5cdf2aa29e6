"""Prints docs/fuzzing.md's run table from fuzz/runs.tsv (totals per target)."""
import csv
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
targets = ["index_reader", "query_parser", "manifest", "text_segmenter", "html_reader", "markdown_reader", "file_decoder"]
rows = {t: {"runs": 0, "seconds": 0, "execs": 0, "rate": "—", "crashes": 0} for t in targets}
with open(os.path.join(here, "runs.tsv"), encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        t = rows.setdefault(r["target"], {"runs": 0, "seconds": 0, "execs": 0, "rate": "—", "crashes": 0})
        t["runs"] += 1
        t["seconds"] += int(r["seconds"] or 0)
        t["execs"] += int(r["executions"] or 0)
        t["rate"] = r["exec_per_s"]
        t["crashes"] += r["result"] == "crash"
for name, t in rows.items():
    print(f"| `{name}` | {t['runs']} | {t['seconds']} | {t['execs']:,} | {t['rate']} | {t['crashes']} |")
