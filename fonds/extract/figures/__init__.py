"""Figures and dates with provenance: numbers in digits and words (``numbers``), money
(``money``), quantities and percentages (``quantities``), dates with their precision
(``dates``), and figures that disagree between sources (``conflicts``)."""
