"""Write the simulated web of `fixtures/Repair_example/` (run it after changing the pages below).

`python -m tests.fix.make_example` audits the example article over the simulated web defined
here with `--record`, so that the fixture holds exactly the requests an audit makes (cited
pages, Wayback look-ups, snapshots), then marks every record simulated. Every page is a short
hand-written stand-in on a reserved example domain.
"""

from __future__ import annotations

import json
import shutil

from citeaudit.app.cli import World, main
from tests.conftest import FIXTURES
from tests.fakes import page
from tests.fix.conftest import SimulatedWeb

EXAMPLE = FIXTURES / "Repair_example"
ARTICLE = EXAMPLE / "Orrin_Valley_Tramway.wiki"
AS_OF = "2026-11-28"
MARK = "<!-- simulated: written for citeaudit's tests, not a copy of a real page -->"
TEXT = (
    "<p>The Orrin Valley Tramway reopened in May 2019 after forty years. Volunteers restored "
    "three of its cars, and the depot built in 1911 was listed in 2012. Trams run at weekends "
    "from April to October, and the line carried 40,000 passengers in its first year.</p>"
)


def simulated_page(url: str, title: str, head: str = "") -> tuple[str, object]:
    body = f"<!doctype html><html><head>{MARK}<title>{title}</title>{head}</head><body>"
    return url, page(
        url, 200, body + f"<article><h1>{title}</h1>{TEXT * 3}</article></body></html>"
    )


def web() -> SimulatedWeb:
    bare_head = (
        '<meta property="og:title" content="Orrin tramway runs again after 40 years">'
        '<meta property="og:site_name" content="Example Transport Review">'
        '<meta property="article:published_time" content="2019-05-05T09:30:00Z">'
        '<meta name="author" content="Mara Ellison">'
    )
    pages = dict(
        [
            simulated_page(
                "https://history.example.net/orrin/tramway",
                "The Orrin Valley Tramway, 1911–1979 | Orrin Valley History Society",
            ),
            simulated_page(
                "https://www.example.com/transport/orrin-tramway-2019",
                "Orrin tramway runs again after 40 years - Example Transport Review",
                bare_head,
            ),
            simulated_page("https://heritage.example.org/listings/orrin-depot", "Orrin tram depot"),
            simulated_page("https://timetable.example.com/orrin", "Orrin Valley Tramway timetable"),
        ]
    )
    for url, status in (
        ("https://www.example.org/news/2019/tramway-reopens", 404),
        ("https://news.example.org/orrin/cars-restored", 410),
    ):
        pages[url] = page(url, status, f"<!doctype html>{MARK}<title>Not found</title>")
    return SimulatedWeb(
        pages,  # type: ignore[arg-type]
        {
            "https://www.example.org/news/2019/tramway-reopens": [("20190505101500", "200")],
            "https://news.example.org/orrin/cars-restored": [],
        },
    )


def write() -> None:
    directory = EXAMPLE / "web"
    shutil.rmtree(directory, ignore_errors=True)
    arguments = [
        "audit", str(ARTICLE), "--record", str(directory), "--as-of", AS_OF, "--no-state",
        "-o", str(EXAMPLE / "scratch.md"), "--quiet",
    ]  # fmt: skip
    main(arguments, World(network=web().fetcher()))
    (EXAMPLE / "scratch.md").unlink()
    records_path = directory / "records.json"
    # A request the simulated web has no answer for (a probe of a random path) replays as "not
    # recorded" without a record.
    records = [
        record
        for record in json.loads(records_path.read_text(encoding="utf-8"))
        if record.get("failure") != "not-recorded"
    ]
    for record in records:
        record["note"] = "simulated: written for citeaudit's tests, not a real answer"
    records_path.write_text(json.dumps(records, indent=2, ensure_ascii=False) + "\n", "utf-8")
    (directory / "README.md").write_text(
        "# Simulated recorded web of the Orrin Valley Tramway example\n\n**Everything in this "
        "directory is simulated**: written by `tests/fix/make_example.py` for citeaudit's tests; "
        "the pages are hand-written stand-ins on reserved example domains and the Wayback "
        "Machine's answers are invented. See `../README.md`.\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    write()
