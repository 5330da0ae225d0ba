"""How long a converter rendering of the Rust article takes to read, as a ratio to reading the
same article's Parsoid HTML (the HTML form, measured in the same run).

A rendering is read as text after its family's normalisation (unwrapping, link numbers, Markdown
inline syntax, the mojibake check); the HTML parser reading the page it was made from is the
floor to compare with. Each figure is the best of a few runs taken in turns. Run with
`PYTHONPATH=src python -m pytest -m benchmark -s tests/benchmarks/test_bench_renderings.py`.
"""

from __future__ import annotations

import pytest

from citeaudit.parse import html, text
from tests.benchmarks.test_bench_wikitext import best_times
from tests.conftest import FIXTURES, shared_file

LIMIT = 2.0
"""The test fails when a rendering takes more than this multiple of the HTML's time."""
RENDERINGS = sorted((FIXTURES / "renderings").glob("rust.*.*"))


@pytest.mark.benchmark
@pytest.mark.parametrize("path", RENDERINGS, ids=lambda path: path.name)
def test_a_rendering_reads_about_as_fast_as_the_html(path: object) -> None:
    page = shared_file("reference", "data", "rust_parsoid.html").read_text("utf-8")
    rendering = path.read_text("utf-8")  # type: ignore[attr-defined]
    html_time, rendering_time = best_times(
        3, lambda: html.parse(page), lambda: text.parse(rendering)
    )
    ratio = rendering_time / html_time
    print(
        f"{path.name}: {len(rendering) / 1024:6.0f} KB in {rendering_time * 1000:6.0f} ms; "  # type: ignore[attr-defined]
        f"the Parsoid HTML ({len(page) / 1024:.0f} KB) in {html_time * 1000:.0f} ms; "
        f"ratio {ratio:.2f}"
    )
    assert ratio < LIMIT
