"""The pure mark-up functions of the web: document text escaped, then tags of our own."""

from __future__ import annotations

from fonds.model import Mention, Note
from fonds.web import render


def test_markup_escapes_text_and_wraps_spans() -> None:
    out = render.markup(
        "a <b> & c",
        [render.Span(2, 5, render.Markup("<i>"), render.Markup("</i>"))],
    )
    assert str(out) == "a <i>&lt;b&gt;</i> &amp; c"


def test_markup_drops_overlapping_spans_and_moves_points_out_of_spans() -> None:
    i = render.Span(0, 5, render.Markup("<i>"), render.Markup("</i>"))
    u = render.Span(3, 8, render.Markup("<u>"), render.Markup("</u>"))
    out = render.markup("abcdefghij", [u, i], [render.Point(2, render.Markup("|"))])
    assert str(out) == "<i>abcde</i>|fghij"


def test_markup_clamps_offsets_and_keeps_point_order() -> None:
    p1 = render.Point(99, render.Markup("[1]"))
    p2 = render.Point(99, render.Markup("[2]"))
    assert str(render.markup("ab", [], [p1, p2, render.Point(-3, render.Markup("^"))])) == (
        "^ab[1][2]"
    )


def test_document_html_links_notes_names_figures_and_pages() -> None:
    text = "Kim Il Sung <promised> 5 million rubles.\nPage two."
    notes = [Note("1", "AVPRF, f. 0102", marker_offset=text.index(".") + 1)]
    mentions = [Mention(0, 11, "person", "kim-il-sung", 1.0)]
    facts = [
        {
            "start": text.index("5 million"),
            "end": text.index(" rubles") + 7,
            "kind": "money",
            "value": {"amount": 5e6, "currency": "RUB", "year": 1957, "usd": 1.25e6},
            "subject": "aid",
            "note": None,
        }
    ]
    html = str(
        render.document_html(
            text, notes=notes, mentions=mentions, facts=facts, pages=(0, text.index("Page"))
        )
    )
    assert html == (
        '<span class="page" id="page-1" aria-label="page 1">[p. 1]</span>'
        '<a class="name name-person" href="/entities/kim-il-sung">Kim Il Sung</a> '
        "&lt;promised&gt; "
        '<mark class="fig fig-money" title="RUB 5,000,000 (1957) = USD 1,250,000 · aid">'
        "5 million rubles</mark>."
        '<a class="fn" id="ref-1" href="#note-1" aria-label="note 1"><sup>1</sup></a>\n'
        '<span class="page" id="page-2" aria-label="page 2">[p. 2]</span>Page two.'
    )


def test_candidate_names_link_by_their_spelling_escaped() -> None:
    text = 'Pak "Hon" Yong'
    html = str(render.document_html(text, mentions=[Mention(0, len(text), "person", None, 0.8)]))
    assert 'href="/entities/Pak%20%22Hon%22%20Yong"' in html
    assert ">Pak &#34;Hon&#34; Yong</a>" in html


def test_hostile_text_stays_text() -> None:
    text = '<script>alert(1)</script> <img src=x onerror=alert(1)> "quoted"'
    label = '"><script>alert(2)</script>'
    notes = [Note(label, "<b>bold</b>", marker_offset=0)]
    facts = [
        {"start": 55, "end": 63, "kind": "money", "value": {"currency": '"><x>'}, "note": None}
    ]
    html = str(render.document_html(text, notes=notes, facts=facts))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'title="&#34;&gt;&lt;x&gt; ">&#34;quoted&#34;</mark>' in html
    assert "&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert str(render.note_html("<b>bold</b>")) == "&lt;b&gt;bold&lt;/b&gt;"


def test_note_html_links_citations_to_file_pages() -> None:
    text = "RGANI, f. 5, op. 28, d. 412, l. 3; see also <x>."
    cites = [{"start": 0, "end": 33, "kind": "archival", "canonical": "RGANI f.5 op.28 d.412"}]
    assert str(render.note_html(text, cites)) == (
        '<a class="cite cite-archival" href="/files?ref=RGANI+f.5+op.28+d.412">'
        "RGANI, f. 5, op. 28, d. 412, l. 3</a>; see also &lt;x&gt;."
    )


def test_snippet_keeps_only_bold_marks() -> None:
    assert str(render.snippet_html("&lt;script&gt;<b>aid</b> <i>x</i>")) == (
        "&lt;script&gt;<mark>aid</mark> &lt;i&gt;x&lt;/i&gt;"
    )


def test_figure_titles() -> None:
    assert render.figure_title("percent", {"value": 33.3333, "of": "aid", "year": 1954}) == (
        "33.33% of aid (1954)"
    )
    assert render.figure_title("quantity", {"value": 2.0, "unit": "t", "what": "steel"}) == (
        "2 t steel"
    )
    assert render.figure_title("rate", {"currency": "RUB", "per_usd": 4.0}) == "4.0 RUB per USD"


def test_year_counts_fill_gaps_and_skip_undated() -> None:
    rows = [("1953-07-27", 2), ("1955", 1), (None, 9), ("undated", 4), ("1953", 1)]
    assert render.year_counts(rows) == {"1953": 3, "1954": 0, "1955": 1}


def test_bar_chart_is_inline_svg_with_escaped_labels_and_links() -> None:
    svg = str(render.bar_chart({"1953": 3, "<x>": 1}, href={"1953": "/?from=1953&to=1953"}))
    assert svg.startswith('<svg class="chart"') and svg.endswith("</svg>")
    assert '<a href="/?from=1953&amp;to=1953"><rect class="bar"' in svg
    assert "<title>1953: 3</title>" in svg and "&lt;x&gt;" in svg and "<x>" not in svg
    assert str(render.bar_chart({})) == ""
