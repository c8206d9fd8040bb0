"""Generate dag_hamhung_1956.docx for the fonds demo collection.

Run from the repository root:
    .venv/bin/python tools/make_demo_docx.py

The text was written by the fonds team for demonstration. It summarises facts
established in published scholarship; it is not a transcription of an
archival original, and the archival file number is illustrative.
"""

import datetime
from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = Path(__file__).resolve().parents[1] / "demo" / "dag_hamhung_1956.docx"

TITLE = "Report on the Work of the Deutsche Arbeitsgruppe Hamhung (DAG), 1956"

PARAGRAPHS = [
    (
        "meta",
        "Deutsche Arbeitsgruppe Hamhung, Hamhung (DPRK), 15 December 1956. "
        "Report to the Ministry of Construction and the Ministry of Foreign "
        "Affairs of the German Democratic Republic, Berlin. Translated from the German.",
    ),
    (
        "meta",
        "[fonds demo text: a reconstruction written for demonstration from facts "
        "established in published scholarship; not a translation of an archival original.]",
    ),
    ("h", "1. Background"),
    (
        "p",
        "Hamhung, the chief city of South Hamgyong province and the centre of the "
        "industrial region that includes the neighbouring port and chemical town of "
        "Hungnam, was almost entirely destroyed during the war of 1950-1953. In the "
        "framework of the aid of the socialist countries for the reconstruction of "
        "the DPRK after the armistice of 27 July 1953, the Government of the GDR "
        "undertook to assist in rebuilding the city. The Deutsche Arbeitsgruppe "
        "Hamhung (DAG) began its work in 1955; the programme is planned to continue "
        "for several years.",
    ),
    ("h", "2. Work carried out in 1956"),
    (
        "p",
        "The general plan for the reconstruction of Hamhung, prepared by the DAG's "
        "architects and town planners in cooperation with the Korean authorities, "
        "was confirmed in its main lines. It provides for a new street network, "
        "residential districts with multi-storey housing blocks, and sites for "
        "schools, hospitals and administrative buildings.",
    ),
    (
        "p",
        "In the course of the year the first residential blocks built under German "
        "supervision were handed over to their tenants. Work began on further "
        "housing, on public buildings and on the engineering networks (water "
        "supply and sewerage). Plants for bricks, concrete elements and other "
        "building materials were set up or restored, since the shortage of materials "
        "remains the main obstacle to faster progress.",
    ),
    ("h", "3. Training of Korean cadres"),
    (
        "p",
        "Korean workers are employed in large numbers on the building sites, where "
        "they are trained by German foremen and skilled workers. Vocational "
        "courses organised by the DAG train bricklayers, carpenters, fitters and "
        "electricians. Korean engineers are working alongside the German "
        "specialists in the planning office, and Korean trainees are "
        "receiving practical training in the GDR.",
    ),
    ("h", "4. Cooperation with the Korean side and with other aid programmes"),
    (
        "p",
        "Relations with the provincial and city authorities are good. The Korean "
        "side repeatedly urges an increase in the pace of housing construction, "
        "in line with the targets of the coming Five-Year Plan (1957-1961). The "
        "DAG coordinates its deliveries with the Soviet and Chinese aid programmes "
        "where these concern the Hamhung-Hungnam area, in particular the restoration "
        "of the chemical works. Chinese People's Volunteer units stationed in the "
        "province have on occasion assisted with earthworks and transport.",
    ),
    ("h", "5. Conclusions and proposals"),
    (
        "p",
        "The reconstruction of Hamhung has become a widely known symbol of the "
        "friendship between the German and Korean peoples. The DAG proposes that "
        "the programme be continued on the present scale, that the supply of "
        "building machinery from the GDR be improved, and that more Korean "
        "specialists be trained so that the Korean side can gradually take over "
        "the planning and management of the work.",
    ),
    ("meta", "Archival reference (illustrative): SAPMO-BArch, DY 30/IV 2/20/137, Bl. 12-27."),
]


def main() -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)

    doc.add_heading(TITLE, level=1)
    for kind, text in PARAGRAPHS:
        if kind == "h":
            doc.add_heading(text, level=2)
        elif kind == "meta":
            para = doc.add_paragraph()
            para.add_run(text).italic = True
        else:
            doc.add_paragraph(text)

    props = doc.core_properties
    props.title = TITLE
    props.author = "Deutsche Arbeitsgruppe Hamhung"
    props.subject = "East German aid to the DPRK: reconstruction of Hamhung"
    props.keywords = "Hamhung; DAG; GDR; DPRK; reconstruction; five-year plan"
    props.comments = "fonds demo document; archival file number illustrative"
    props.language = "en"
    props.created = datetime.datetime(1956, 12, 15, 0, 0, 0)
    props.modified = datetime.datetime(1956, 12, 15, 0, 0, 0)
    props.last_modified_by = "fonds demo team"
    props.revision = 1

    doc.save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
