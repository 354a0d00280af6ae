#!/usr/bin/env python3
"""dossier's HTML import side by side with trafilatura, readability-lxml and html2text.

usage:
  benches/html-compare.py [--corpus DIR] [--scorer score_html.py] [--dossier BIN] [--repeat N]
  benches/html-compare.py peer NAME SOURCE META     (one peer on one page: text on stdout, metadata JSON to META)

Every tool runs once per page as its own process through the shared scorer
(`score_html.py --all DIR CMD`), so the times include process start-up (a Python interpreter with
its imports for the peers, the `dossier` binary for dossier). dossier runs as
`dossier cat --width 65535 {source}`: the header above the rule is its title/author/date.
The peers print their text and write their title (and date, where they extract one) to the
scorer's metadata file. Install the peers with `pip install trafilatura readability-lxml html2text`
(any Python with them installed: --python).
"""
import json
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def decode(raw):
    """The page's text the way a Python user would get it: the charset the page declares, else UTF-8."""
    import re
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)", raw[:4096], re.I)
    enc = m.group(1).decode("ascii") if m else "utf-8"
    try:
        return raw.decode(enc, "replace")
    except LookupError:
        return raw.decode("utf-8", "replace")


def visible_text(html):
    """Block-separated visible text of an HTML fragment (for readability-lxml's summary HTML)."""
    import lxml.html
    block = set("address article aside blockquote br caption dd div dl dt figcaption figure footer form h1 h2 "
                "h3 h4 h5 h6 header hr li main nav ol p pre section table tbody thead tfoot td th tr ul".split())
    root = lxml.html.fromstring(html)
    parts = []

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style", "noscript"):
            if el.tail:
                parts.append(el.tail)
            return
        if tag in block:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if tag in block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    return "\n".join(" ".join(l.split()) for l in "".join(parts).split("\n") if l.strip())


def peer(name, source, meta_path):
    raw = open(source, "rb").read()
    meta = {}
    if name == "trafilatura":
        import trafilatura
        out = trafilatura.extract(raw, output_format="json", with_metadata=True, include_comments=False,
                                  include_tables=True)
        doc = json.loads(out) if out else {}
        text = doc.get("text") or ""
        meta = {"title": doc.get("title"), "date": doc.get("date")}
    elif name == "readability-lxml":
        from readability import Document
        d = Document(decode(raw))
        text = visible_text(d.summary(html_partial=True))
        meta = {"title": d.short_title()}
    elif name == "html2text":
        import html2text
        h = html2text.HTML2Text()
        h.body_width = 0
        h.ignore_images = True
        h.ignore_links = True
        text = h.handle(decode(raw))
    else:
        sys.exit(f"unknown peer {name}")
    json.dump({k: v for k, v in meta.items() if v}, open(meta_path, "w", encoding="utf-8"), ensure_ascii=False)
    sys.stdout.write(text)


def main(argv):
    if argv and argv[0] == "peer":
        peer(*argv[1:4])
        return

    def opt(name, default):
        if name in argv:
            i = argv.index(name)
            return argv[i + 1]
        return default

    corpus = opt("--corpus", os.path.join(ROOT, "..", "..", "shared", "corpus", "html"))
    scorer = opt("--scorer", os.path.join(ROOT, "..", "..", "shared", "eval", "score_html.py"))
    dossier = opt("--dossier", os.path.join(ROOT, "target", "release", "dossier"))
    python = opt("--python", sys.executable)
    repeat = opt("--repeat", "1")
    me = os.path.abspath(__file__)
    tools = [("dossier", f"{shlex.quote(dossier)} cat --width 65535 {{source}}")]
    for name in ("trafilatura", "readability-lxml", "html2text"):
        tools.append((name, f"{shlex.quote(python)} {shlex.quote(me)} peer {name} {{source}} {{meta}}"))
    rows = []
    for name, cmd in tools:
        res = subprocess.run([sys.executable, scorer, "--all", corpus, cmd, "--json", "--repeat", repeat],
                             capture_output=True, text=True, check=True)
        s = json.loads(res.stdout)["summary"]
        rows.append((name, s))
        print(f"{name}: f1 mean {s['f1'][0]:.3f} median {s['f1'][1]:.3f}", file=sys.stderr)
    print("| tool | mean F1 | median F1 | recall | precision | title | date | headings | failed | wall s | CPU s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, s in rows:
        ta, tn = s["title_acc"]
        da, dn = s["date_acc"]
        print(f"| {name} | {s['f1'][0]:.3f} | {s['f1'][1]:.3f} | {s['recall'][0]:.3f} | {s['precision'][0]:.3f} "
              f"| {ta:.3f} ({round(ta * tn)}/{tn}) | {da:.3f} ({round(da * dn)}/{dn}) "
              f"| {s['headings'][0]}/{s['headings'][1]} | {s['failed']} | {s['time_s']:.2f} | {s['cpu_s']:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
