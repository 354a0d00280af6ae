#!/usr/bin/env python3
"""Writes the 1 MB web page the `html_import` bench opens (the same bytes as its `one_mb_page`):
the Debian Policy chapters 1 and 2 of tests/fixtures/html, their articles repeated inside one
page (Sphinx navigation, sidebar and footer once) until the page is at least 1 MiB, like the
Policy Manual as one page. Usage: benches/html-1mb-page.py OUT.html"""
import pathlib
import sys

FIX = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "html"
MIB = 1 << 20


def article(page: str) -> tuple[str, str, str]:
    """The page split around its article: before, the article's sections, after."""
    start = page.index('<div class="body" role="main">') + len('<div class="body" role="main">')
    end = page.index('<div class="clearer"></div>', start)
    return page[:start], page[start:end], page[end:]


def main() -> None:
    ch1 = (FIX / "policy-ch1-scope" / "source.html").read_text(encoding="utf-8")
    ch2 = (FIX / "policy-ch2-archive" / "source.html").read_text(encoding="utf-8")
    before, first, after = article(ch1)
    second = article(ch2)[1]
    body = []
    size = len(before.encode()) + len(after.encode())
    while size < MIB:
        for part in (first, second):
            body.append(part)
            size += len(part.encode())
    pathlib.Path(sys.argv[1]).write_text(before + "".join(body) + after, encoding="utf-8")


if __name__ == "__main__":
    main()
