"""The figures step of the pipeline: every date, amount of money, quantity and percentage
in a document's text (and money and exchange rates in its notes) as ``Fact`` records with
offsets, the sentence they stand in and the notes attached to it (the entities a sentence
names are its mentions); amounts put in US dollars of their year.

Conversion prefers a rate the document itself states ("4 rubles equaled USD 1", kept as a
fact of kind ``rate``) over the rates table (``fonds/data/rates.csv``); an equivalent the
text gives in parentheses is kept beside the computed one (``stated_usd``).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from fonds.extract._extractor import Extractor
from fonds.extract.figures import context, rates
from fonds.extract.figures.dates import DateMention, find_dates
from fonds.extract.figures.money import Money, find_money
from fonds.extract.figures.numbers import find_numbers
from fonds.extract.figures.quantities import Percent, find_percents, find_quantities
from fonds.model import Document, Fact, Mention

_RATE_LINK = re.compile(
    r"\s*(?:equal(?:l?ed|s)?(?:\s+to)?|=|was\s+worth|were\s+worth|to\s+the|per|for|against)\s*",
    re.IGNORECASE,
)
_SINGLE = ("day", "month", "season", "year")
# What may stand between a figure and the date it is for: "USD 120.37 million in 1960".
_RIGHT_AFTER = re.compile(r"\)?,?\s+(?:in|for|during)\s+(?:the\s+year\s+)?")


@dataclasses.dataclass(slots=True)
class _Stated:
    currency: str
    per_usd: float
    years: tuple[int, int] | None
    where: dict[str, Any]


def run(doc: Document) -> Document:
    if not doc.text and not doc.notes:
        return doc
    default_year = int(doc.date.start[:4]) if doc.date else None
    stated: list[_Stated] = []
    facts: list[Fact] = []
    for note in doc.notes:
        facts.extend(_note_facts(note.label, note.text, stated, default_year))
    facts[:0] = _body_facts(doc, stated, default_year)
    return dataclasses.replace(doc, facts=tuple(facts))


def _body_facts(doc: Document, stated: list[_Stated], default_year: int | None) -> list[Fact]:
    text = doc.text
    where = context.spans(text)
    dates = find_dates(text, default_year=default_year, paragraphs=where.paragraphs)
    numbers = find_numbers(text)
    money = find_money(text, numbers)
    stated.extend(_stated_rates(text, money, dates, None))
    percents = find_percents(text, numbers)
    taken = [(m.start, m.end) for m in money] + [(p.start, p.end) for p in percents]
    taken += [(d.start, d.end) for d in dates]
    quantities = find_quantities(text, numbers, taken)
    markers = sorted((n.marker_offset, n.label) for n in doc.notes if n.marker_offset is not None)
    years = _Years(text, dates, where, default_year)

    def about(start: int, end: int) -> dict[str, Any]:
        s, e = where.sentence(start)
        notes = [label for at, label in markers if s <= at <= e + 1]
        return {"sentence": [s, e], "notes": notes} if notes else {"sentence": [s, e]}

    out: list[Fact] = []
    for d in dates:
        value: dict[str, Any] = {"date": d.value, "end": d.end_value, "precision": d.precision}
        if d.inferred_year:
            value["inferred_year"] = True
        out.append(Fact(d.start, d.end, "date", {**value, **about(d.start, d.end)}))
    if money:
        names = [m for m in doc.mentions if m.kind in ("place", "org") and m.entity_id]
        parties = _parties(text, names, where)
        for f in _money_facts(text, money, where, years, stated, about, None):
            out.append(dataclasses.replace(f, value={**f.value, **parties(f.start, f.end)}))
    out += [_percent_fact(text, p, where, years, about, None) for p in percents]
    for q in quantities:
        s, _ = where.sentence(q.start)
        value = {"value": q.value, "high": q.high, "unit": q.unit, "what": q.what}
        value.update(
            qualifier=q.qualifier,
            base=q.base,
            year=years.of(q.start, q.end),
        )
        subject = context.subject(text[s : q.end + 40], q.start - s)
        out.append(Fact(q.start, q.end, "quantity", {**value, **about(q.start, q.end)}, subject))
    return sorted(out, key=lambda f: (f.start, f.end))


_TO = re.compile(  # "to the DPRK", "will grant North Korea"
    r"(?:\bto|\bfor|\btoward|\bwith|\bgrant(?:ed|s)?|\bg[ai]ve|\bgives|\blen[dt]|"
    r"\boffer(?:ed|s)?|\bextend(?:ed|s)?)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)


def _parties(text: str, names: list[Mention], where: context.Spans) -> Any:
    """For an amount: the ``donor`` and ``recipient`` its sentence names - a state or
    organization after "to"/"for" receives, one after "from" gives (of several, the one
    nearest the amount, and one just after it before one just before it: "one billion
    rubles from the Soviet Union and 800 million yuan from China"), and else the first one
    named before the amount gives ("China's aid included...")."""

    def nearest(found: list[Mention], start: int, end: int) -> Mention | None:
        def distance(m: Mention) -> int:
            return m.start - end if m.start >= end else 2 * (start - m.end)

        return min(found, key=distance, default=None)

    def find(start: int, end: int) -> dict[str, str]:
        s, e = where.sentence(start)
        here = [m for m in names if s <= m.start < e and not start <= m.start < end]
        to, source = [], []
        for m in here:
            before = text[max(s, m.start - 14) : m.start]
            if _TO.search(before):
                to.append(m)
            elif _FROM.search(before):
                source.append(m)
        out: dict[str, str] = {}
        if (recipient := nearest(to, start, end)) is not None:
            out["recipient"] = recipient.entity_id or ""
        donor = nearest(source, start, end) or next(
            (m for m in here if m.start < start and m.entity_id != out.get("recipient")), None
        )
        if donor is not None:
            out["donor"] = donor.entity_id or ""
        return out

    return find


def _share_subject(text: str, sentence_start: int, p: Percent) -> str | None:
    """What a percentage is about: the subject its "of" phrase names, else its sentence's."""
    if p.of and (named := context.subject(p.of, 0)):
        return named
    return context.subject(text[sentence_start : p.end + 80], p.start - sentence_start)


def _note_facts(
    label: str, text: str, stated: list[_Stated], default_year: int | None
) -> list[Fact]:
    """Money, percentages and stated exchange rates in a note (its citations' numbers
    are neither: page and file numbers carry no currency or percent sign)."""
    numbers = find_numbers(text)
    money = find_money(text, numbers)
    percents = find_percents(text, numbers)
    if not money and not percents:
        return []
    dates = find_dates(text, default_year=default_year)
    rates_here = _stated_rates(text, money, dates, label)
    stated.extend(rates_here)
    where = context.spans(text)
    years = _Years(text, dates, where, default_year)

    def about(start: int, end: int) -> dict[str, Any]:
        return {"sentence": list(where.sentence(start))}

    out = _money_facts(text, money, where, years, stated, about, label)
    for r in rates_here:
        value = {"currency": r.currency, "per_usd": r.per_usd, "years": r.years, **r.where}
        out.append(Fact(r.where["start"], r.where["end"], "rate", value, "exchange rate", label))
    out += [_percent_fact(text, p, where, years, about, label) for p in percents]
    return out


def _percent_fact(
    text: str,
    p: Percent,
    where: context.Spans,
    years: _Years,
    about: Any,
    note: str | None,
) -> Fact:
    s, _ = where.sentence(p.start)
    share: dict[str, Any] = {"value": p.value, "high": p.high, "of": p.of, "qualifier": p.qualifier}
    share.update(year=years.of(p.start, p.end), **about(p.start, p.end))
    return Fact(p.start, p.end, "percent", share, _share_subject(text, s, p), note)


def _money_facts(
    text: str,
    money: Sequence[Money],
    where: context.Spans,
    years: _Years,
    stated: Sequence[_Stated],
    about: Any,
    note: str | None,
) -> list[Fact]:
    out: list[Fact] = []
    for i, m in enumerate(money):
        s, e = where.sentence(m.start)
        year = years.of(m.start, m.end)
        value: dict[str, Any] = {
            "amount": m.amount,
            "high": m.high,
            "currency": m.currency,
            "qualifier": m.qualifier,
            "year": year,
        }
        value.update(_in_dollars(m, year, stated))
        if m.restates is not None:
            value["restates"] = m.restates
        follower = money[i + 1] if i + 1 < len(money) else None
        if follower is not None and follower.restates == i and follower.currency == "USD":
            value["stated_usd"] = follower.amount
        subject = context.subject(text[s:e], m.start - s)
        out.append(Fact(m.start, m.end, "money", {**value, **about(m.start, m.end)}, subject, note))
    return out


def _in_dollars(m: Money, year: int | None, stated: Sequence[_Stated]) -> dict[str, Any]:
    if m.currency == "USD":
        return {"usd": m.amount, "usd_high": m.high}
    if year is None:
        return {}
    own = [
        r
        for r in stated
        if r.currency == m.currency and (r.years is None or r.years[0] <= year <= r.years[1])
    ]
    if own:
        per, rate = (
            own[0].per_usd,
            {"per_usd": own[0].per_usd, "source": "document", **own[0].where},
        )
    elif (row := rates.for_year(m.currency, year)) is not None:
        per, rate = row.per_usd, {"per_usd": row.per_usd, "source": row.source, "kind": row.kind}
    else:
        return {}
    return {
        "usd": round(m.amount / per, 2),
        "usd_high": round(m.high / per, 2) if m.high is not None else None,
        "rate": rate,
    }


def _stated_rates(
    text: str, money: Sequence[Money], dates: Sequence[DateMention], note: str | None
) -> list[_Stated]:
    """ "4 rubles equaled USD 1": two amounts joined by equal/was worth/per, one of them in
    dollars, state a rate (for the years a date in the same text names, else any)."""
    out = []
    for a, b in zip(money, money[1:], strict=False):
        link = _RATE_LINK.fullmatch(text, a.end, b.start)
        if link is None or "USD" not in (a.currency, b.currency) or a.currency == b.currency:
            continue
        usd, other = (a, b) if a.currency == "USD" else (b, a)
        if usd.amount <= 0:
            continue
        years = None
        if dates:
            d = dates[0]
            end = d.end_value or d.value
            years = (int(d.value[:4]), int(end[:4]))
        where = {"note": note, "start": a.start, "end": b.end}
        out.append(_Stated(other.currency, other.amount / usd.amount, years, where))
    return out


class _Years:
    """The year each figure of one text refers to: a date right after it ("USD 120 million
    in 1960"), else the nearest single date before it in its sentence, else the nearest
    after it there, else the last before it in its paragraph, else the document's year.
    The text's single dates are sorted once and looked up by bisection."""

    def __init__(
        self,
        text: str,
        dates: Sequence[DateMention],
        where: context.Spans,
        default: int | None,
    ) -> None:
        self.text, self.where, self.default = text, where, default
        self.single = [d for d in dates if d.precision in _SINGLE]
        self.starts = [d.start for d in self.single]

    def of(self, at: int, end: int) -> int | None:
        starts, single = self.starts, self.single
        s, e = self.where.sentence(at)
        lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
        before = bisect.bisect_left(starts, at, lo, hi)  # single[lo:before] start before it
        after = bisect.bisect_right(starts, at, lo, hi)  # single[after:hi] start after it
        if after < hi and _RIGHT_AFTER.fullmatch(self.text, end, starts[after]):
            return int(single[after].value[:4])
        if before > lo or after < hi:
            return int(single[before - 1 if before > lo else after].value[:4])
        p, _ = self.where.paragraph(at)
        first = bisect.bisect_left(starts, p)
        last = bisect.bisect_left(starts, at)
        return int(single[last - 1].value[:4]) if last > first else self.default


EXTRACTOR = Extractor("figures", 1, run)
