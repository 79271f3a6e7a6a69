"""Sagsfrister før og efter finansiering: the share of cases decided within the deadline per
borgercenter against its target and the funding for more caseworkers; the same share computed
from a user's case extract; and formality complaints in two years."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML
from plotly.subplots import make_subplots

from analysis.calc import cases as case_calc
from analysis.calc import complaints as complaint_calc
from analysis.calc import compliance as calc
from analysis.claims import needs
from analysis.data import DataError, DataFolder, inventory, is_missing
from analysis.data.registry import short_titles
from analysis.data.schemas.compliance import cases_schema
from analysis.facts import Fact, derived, from_row, of_row, of_rows, setting
from analysis.present import charts, danish, tables
from analysis.present.prose import (
    USER_MARK,
    according_to,
    capitalised,
    listing,
    say,
    sources_named,
    user_mark,
    written,
)
from analysis.vocabulary import (
    BORGERCENTRE,
    KIND_LABEL,
    MONTHS_SHORT,
    PERIOD_MONTHS,
    PERIOD_NAME,
    PROVENANCE,
    date_label,
    direction,
    period_label,
    whole_months,
    year_span,
)

DATASETS = ("compliance", "compliance_targets", "funding_periods", "complaints", "cases", "assumptions")
STATUS_LABEL = {"granted": "bevilget", "proposed": "foreslået, ikke vedtaget"}
PANELS = ("Andel af sager afgjort inden for fristen", "Midler til flere sagsbehandlere")
CASE_FORMULA = "rettidigt afgjorte / (afgjorte + åbne over fristen) × 100"
# Each figure's values, as its table and CSV show them.
COLUMNS = {
    "frister": ["series", "period", "low", "high", "unit", "value_text", *PROVENANCE],
    "klager": ["series", "period", "count", "value_text", *PROVENANCE],
    "sagsudtraek": ["borgercenter", "period", "period_start", "period_end", *case_calc.STATUSES, "measured"]
    + ["pct", "kind", "source_id", "formula"],
}


@dataclass(frozen=True, eq=False)
class Cases:
    """Compliance computed from a user's case extract."""

    source: str  # the extract's file name: the values' source
    computed: pd.DataFrame  # per borgercenter and period, described for the page
    totals: dict[str, int]
    measured: pd.Timestamp
    period: str


@dataclass(frozen=True, eq=False)
class Result:
    shown_from: str
    shown_to: str
    measurements: pd.DataFrame  # every measurement, with its period and value in words
    targets: pd.DataFrame
    funding: pd.DataFrame
    complaints: pd.DataFrame  # formality complaints in the two years compared
    base_year: int
    year: int
    cases: Cases | None
    registry: pd.DataFrame
    assumptions: pd.DataFrame  # the readings of the sources this chapter rests on

    @property
    def shown(self) -> pd.DataFrame:
        """The measurements within the figure's dates."""
        start, end = pd.Timestamp(self.shown_from), pd.Timestamp(self.shown_to)
        frame = self.measurements
        return frame[(frame["end"] >= start) & (frame["start"] <= end)].reset_index(drop=True)

    @property
    def money(self) -> pd.DataFrame:
        """The funding periods on the figure's time axis."""
        return calc.funding_shown(self.funding, self.shown_from, self.shown_to)


AXIS_WITHOUT_DATA = ("2018-07-01", "2023-12-31")  # only when there is neither a measurement nor funding


def compute(
    data: DataFolder,
    shown_from: str | None = None,
    shown_to: str | None = None,
    complaints_base_year: int = 0,
    complaints_year: int = 0,
    measurement_date: str | None = None,
    period: str = "quarter",
) -> Result:
    counts = data.load("complaints")
    complaints_base_year, complaints_year = complaint_calc.compared_years(
        counts, "formality", complaints_base_year, complaints_year
    )
    complaints = complaint_calc.yearly(counts, "formality", complaints_base_year, complaints_year)
    extract = data.load("cases")  # optional: None unless a user supplies a case extract
    measured = _described(calc.measurements(data.load("compliance")))
    funding = data.load("funding_periods")
    axis = calc.axis_range(measured, funding) or AXIS_WITHOUT_DATA
    log = data.load("assumptions")
    return Result(
        str(shown_from) if shown_from else axis[0],
        str(shown_to) if shown_to else axis[1],
        measured,
        data.load("compliance_targets"),
        funding,
        complaints[complaints["year"].isin([complaints_base_year, complaints_year])].reset_index(drop=True),
        complaints_base_year,
        complaints_year,
        None if extract is None else _cases(extract, data.used["cases"].name, measurement_date, period),
        data.sources(),
        log[["sagsfrister" in [n.strip() for n in names.split(";")] for names in log["chapters"]]],
    )


def problems(
    data: DataFolder,
    shown_from: str | None = None,
    shown_to: str | None = None,
    complaints_base_year: int = 0,
    complaints_year: int = 0,
    measurement_date: str | None = None,
    period: str = "quarter",
) -> list[DataError | str]:
    """What `compute` needs beyond the schemas: dates that are dates (the axis from before its end),
    a period it knows, two complaint years in order, and the base year's count not 0."""
    found: list[DataError | str] = needs.dates(
        shown_from=shown_from, shown_to=shown_to, measurement_date=measurement_date
    )
    if not found and shown_from and shown_to and shown_from > shown_to:
        found.append(f"parameter 'shown_from' is {shown_from}, after 'shown_to' {shown_to}: swap them")
    found += needs.one_of("period", period, PERIOD_MONTHS, "the periods of a case extract")
    years = needs.years(complaints_base_year=complaints_base_year, complaints_year=complaints_year)
    if years:
        return found + years
    counts = data.load("complaints")
    base, year = complaint_calc.compared_years(counts, "formality", complaints_base_year, complaints_year)
    if base >= year:
        given = lambda value: "" if value else " (from the data)"
        return found + [
            f"parameter 'complaints_base_year' is {base}{given(complaints_base_year)}, not before "
            f"'complaints_year' {year}{given(complaints_year)}: choose an earlier base year, or 0 for "
            "either to take it from the data"
        ]
    formality = counts[(counts["complaint_type"] == "formality") & counts["count"].notna()]
    if (formality["year"] == year).any():  # the change is computed only where both years have a count
        found += needs.zero_bases(data, "complaints", formality[formality["year"] == base])
    return found


def share_text(low: float, high: float) -> str:
    """A share as precise as it is given: 81 -> "81 pct."; 78.5 -> "78,5 pct."; a range with an en
    dash: 80, 90 -> "80–90 pct."."""
    if low == high:
        return f"{danish.plain(low)} pct."
    return f"{danish.plain(low)}–{danish.plain(high)} pct."


def _described(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(
        period=[period_label(s.date(), e.date()) for s, e in zip(frame["start"], frame["end"])],
        value_text=[share_text(lo, hi) for lo, hi in zip(frame["low"], frame["high"])],
    )


# --- Facts for the prose -------------------------------------------------------------------------


def facts(result: Result) -> dict[str, Fact]:
    """The prose's facts under fixed keys (whatever centres, measurements and funding the data has);
    the paragraphs about each borgercenter are `centre_paragraphs`, shown by `centres`."""
    return (
        {
            "intro": _intro(result),
            "spans": _spans(result),
            "funding_text": _funding_text(result),
            "headline": _headline(result),
        }
        | _complaint_facts(result)
        | _verdicts(result)
    )


def _verdicts(result: Result) -> dict[str, Fact]:
    """Whether each centre's latest measurement reached its own target (target_met_<centre>)."""
    found = {}
    for centre in calc.centres(result.measurements):
        own = result.targets[result.targets["borgercenter"] == centre]
        if len(own):
            last, target = _rows(result, centre).iloc[-1], own.iloc[0]
            met = calc.met(last["low"], last["high"], target["target"])
            found[f"target_met_{centre}"] = Fact(met, "verdict", of_row(last) | of_row(target))
    return found


def _share(row) -> Fact:
    """A measurement as the prose writes it, with the row's provenance (and the user's mark)."""
    origin = of_row(row)
    if row["is_range"]:
        mark = user_mark(origin)
        return Fact(row["value_text"] + (f" ({mark})" if mark else ""), "text", origin)
    return Fact(row["low"], "pct", origin, decimals=calc.decimals(row["low"]))


def _period(row) -> Fact:
    return Fact(row["period"], "text", of_row(row))


def when(row) -> str:
    """When a measurement was made, as the prose says it: "i 2. kvartal 2020", "ultimo 2019",
    "den 15. maj 2020"."""
    if row["start"] == row["end"]:
        return row["period"] if row["period"].startswith("ultimo") else f"den {row['period']}"
    return f"i {row['period']}"


def _rows(result: Result, centre: str) -> pd.DataFrame:
    return result.measurements[result.measurements["borgercenter"] == centre]


def _intro(result: Result) -> Fact:
    found = calc.centres(result.measurements)
    based_on = of_rows(result.measurements) | of_rows(result.funding)
    if not found:
        return say(
            "Data har ingen målinger af, hvor stor en andel af sagerne der blev afgjort inden for fristen."
        )
    labels = danish.listing([BORGERCENTRE[c].label for c in found])
    who = {1: "borgercentret", 2: "de to borgercentre", 3: "de tre borgercentre"}.get(
        len(found), "borgercentrene"
    )
    statuses = set(result.funding["status"])
    money = {
        frozenset(
            {"granted", "proposed"}
        ): f", og hvornår {who} fik, eller foreslås at få, ekstra midler til flere sagsbehandlere",
        frozenset({"granted"}): f", og hvornår {who} fik ekstra midler til flere sagsbehandlere",
        frozenset({"proposed"}): f", og hvilke ekstra midler til flere sagsbehandlere der foreslås til {who}",
    }.get(frozenset(statuses & {"granted", "proposed"}), "")
    names = _sources_by_kind([result.measurements, result.targets, result.funding], result.registry)
    return say(
        "Kapitlet viser, hvor stor en andel af sagerne {labels} afgjorde inden for fristen{money}. "
        "Tallene kommer fra {names}.",
        based_on,
        labels=labels,
        money=money,
        names=names,
    )


def _sources_by_kind(frames: list[pd.DataFrame], registry: pd.DataFrame) -> Fact:
    """The documents the rows come from, a user's marked: "FIKTIVE data A (brugerleveret) og …"."""
    rows = pd.concat([f[list(PROVENANCE)] for f in frames if len(f)], ignore_index=True)
    parts, seen = [], set()
    for kind, group in rows.groupby("kind", sort=False):
        named = danish.write(sources_named(of_rows(group), registry))
        mark = f" ({USER_MARK})" if kind == "user-supplied" else ""
        if named and named + mark not in seen:
            seen.add(named + mark)
            parts.append(named + mark)
    return Fact(danish.listing(parts), "text", of_rows(rows))


SPAN_WORDS = {1: "en måned", 3: "et kvartal", 6: "et halvår", 12: "et år"}


def _span_word(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if start == end:
        return "en enkelt dag"
    months = whole_months(start.date(), end.date())
    return SPAN_WORDS.get(months, "en anden periode") if months else "en anden periode"


def _spans(result: Result) -> Fact:
    """What spans the measurements cover, from their dates."""
    rows = result.measurements.sort_values(["start", "end"])
    based_on = of_rows(rows)
    words = list(dict.fromkeys(_span_word(s, e) for s, e in zip(rows["start"], rows["end"])))
    if not words:
        return say("Data har ingen målinger af sagsfrister.", based_on)
    if len(rows) == 1:
        return say("Der er én måling; den dækker {w}.", based_on, w=words[0])
    if len(words) == 1:
        return say("Hver måling dækker {w}.", based_on, w=words[0])
    return say(
        "Målingerne er foretaget på forskellige tidspunkter og over perioder af forskellig længde ({w}).",
        based_on,
        w=", ".join(words),
    )


def centre_paragraphs(result: Result) -> dict[str, list[Fact]]:
    """Per borgercenter (by key): a paragraph on its measurements, one quoting the rows' sources
    (stated rows only), and one on its funding, each made of sentences from the data."""
    return {centre: _centre(result, centre) for centre in calc.centres(result.measurements)}


def _centre(result: Result, centre: str) -> list[Fact]:
    rows = _rows(result, centre)
    first, last = rows.iloc[0], rows.iloc[-1]
    label = BORGERCENTRE[centre].label
    named = _named(rows, result.registry)
    sep = ", " if danish.write(named) else ""
    if len(rows) == 1:
        measured = say(
            "{w} afgjorde {centre} {v} af sagerne inden for fristen{sep}{named}.",
            w=capitalised(Fact(when(last), "text", of_row(last))),
            centre=label,
            v=_share(last),
            sep=sep,
            named=named,
        )
    else:
        between = (
            f" (og {danish.count(len(rows) - 2, 'måling', 'målinger')} imellem)" if len(rows) > 2 else ""
        )
        measured = say(
            "{w1} afgjorde {centre} {v1} af sagerne inden for fristen og {w2} {v2}{between}{sep}{named}.",
            w1=capitalised(Fact(when(first), "text", of_row(first))),
            centre=label,
            v1=_share(first),
            w2=Fact(when(last), "text", of_row(last)),
            v2=_share(last),
            between=between,
            sep=sep,
            named=named,
        )
    target = say(
        "{w} lå andelen {where}.",
        w=capitalised(Fact(when(last), "text", of_row(last))),
        where=_against_target(last, centre, result.targets),
    )
    first_paragraph = [measured] + ([_change(first, last)] if len(rows) > 1 else []) + [target]
    paragraphs = [_joined(first_paragraph)]
    quoted = _quoted(rows, result.registry)
    if quoted is not None:
        paragraphs.append(quoted)
    paragraphs.append(_joined(_money_sentences(result, centre, rows)))
    return paragraphs


def _named(rows: pd.DataFrame, registry: pd.DataFrame) -> Fact:
    """Where the rows' values come from, each kind named for itself: "ifølge SO49 Servicekultur
    (2020) og efter brugerleverede data (…)" when a user's rows stand beside stated ones."""
    parts = [according_to(of_rows(group), registry) for _, group in rows.groupby("kind", sort=False)]
    return listing([p for p in parts if danish.write(p)], of_rows(rows))


def _joined(sentences: list[Fact]) -> Fact:
    parts = {f"s{i}": s for i, s in enumerate(sentences) if danish.write(s)}
    return say(" ".join("{" + k + "}" for k in parts), **parts)


MAX_QUOTES = 3  # more stated sentences than this are left to the table under the figure


def _quoted(rows: pd.DataFrame, registry: pd.DataFrame) -> Fact | None:
    """The stated rows' own sentences, verbatim: what the source says in its own words."""
    stated = rows[(rows["kind"] == "stated") & rows["quote"].notna()]
    if stated.empty:
        return None
    quotes = list(dict.fromkeys(stated["quote"]))
    origin = of_rows(stated)
    if len(quotes) > MAX_QUOTES:
        return say(
            "De {n} ordrette citater, tallene bygger på, står i tabellen under figuren.",
            origin,
            n=str(len(quotes)),
        )
    return say(
        "{names} skriver: {quotes}",
        names=sources_named(origin, registry),
        quotes=Fact(" og ".join(f"»{q}«" for q in quotes), "text", origin),
    )


def _money_sentences(result: Result, centre: str, rows: pd.DataFrame) -> list[Fact]:
    """What the funding rows say about a centre: its granted funding, whether any of it falls in
    the measured period, and whether there is a measurement from before it."""
    label = BORGERCENTRE[centre].label
    first, last = rows.iloc[0], rows.iloc[-1]
    granted = result.funding[
        (result.funding["borgercenter"] == centre) & (result.funding["status"] == "granted")
    ]
    sentences = [_granted(label, row) for row in granted.to_dict("records")]
    during = calc.funding_between(result.funding, centre, first["start"], last["end"])
    based_on = of_rows(rows) | of_rows(result.funding)
    span = f"mellem {first['period']} og {last['period']}" if len(rows) > 1 else when(last)
    if during.empty:
        sentences.append(
            say(
                "Data nævner ingen ekstra midler til flere sagsbehandlere i {centre} {span}, og "
                "figuren viser "
                "derfor ingen midler for borgercentret i den periode.",
                based_on,
                centre=label,
                span=span,
            )
        )
        points = calc.change(first, last) if len(rows) > 1 else None
        if points:
            noun = "Stigningen" if points > 0 else "Faldet"
            sentences.append(
                say(f"{noun} kan altså ikke tilskrives ekstra midler, som data nævner.", based_on)
            )
    else:
        decisions = danish.listing(list(dict.fromkeys(during["decision"])))
        sentences.append(
            say(
                "Borgercentret havde midler fra {d} i {part} fra {fp} til {lp}; om ændringen skyldes dem, "
                "kan tallene alene ikke vise.",
                of_rows(during) | of_rows(rows),
                d=decisions,
                part="hele perioden" if _covered(during, first, last) else "en del af perioden",
                fp=_period(first),
                lp=_period(last),
            )
            if len(rows) > 1
            else say(
                "Målingen er fra en periode, hvor borgercentret havde midler fra {d}.",
                of_rows(during),
                d=decisions,
            )
        )
    for row in calc.funding_dates(granted, result.shown_to).to_dict("records"):
        before = rows[rows["end"] < row["start"]]
        if before.empty and (rows["end"] >= row["start"]).any():
            sentences.append(
                say(
                    "Data har ingen måling for {centre} fra før midlerne fra {d} begyndte i {y}, så figuren "
                    "kan ikke vise, hvordan det gik før.",
                    of_row(row) | of_rows(rows),
                    d=row["decision"],
                    y=Fact(row["first_year"], "year", of_row(row)),
                    centre=label,
                )
            )
    return sentences


def _covered(funding: pd.DataFrame, first: pd.Series, last: pd.Series) -> bool:
    """Whether funding periods cover every day from the first measurement's start to the last's end."""
    days = pd.date_range(first["start"], last["end"], freq="D")
    covered = pd.Series(False, index=days)
    for row in funding.to_dict("records"):
        covered[(days >= row["start"]) & (days <= row["end"])] = True
    return bool(covered.all())


def _amount(row) -> Fact | None:
    """The yearly amount in millions, as precise as the 1.000 kr. it is given in."""
    amount = row["per_year_1000_kr"]
    if is_missing(amount):
        return None
    return Fact(amount, "thousand_kr_as_mio", of_row(row), decimals=calc.decimals(float(amount) / 1000, 3))


def _granted(label: str, row) -> Fact:
    span = funding_span(row)
    when_ = f"for perioden {span}" if row["duration"] != "permanent" else span
    amount = _amount(row)
    if amount is None:
        return say(
            "{centre} fik i {d} midler til flere sagsbehandlere {span}; beløbet er ikke oplyst.",
            of_row(row),
            centre=label,
            d=row["decision"],
            span=when_,
        )
    return say(
        "{centre} fik i {d} midler til flere sagsbehandlere {span} ({amount} om året).",
        of_row(row),
        centre=label,
        d=row["decision"],
        span=when_,
        amount=amount,
    )


def _funding_text(result: Result) -> Fact:
    """The proposals, by decision, and whether there are measurements from after they would start."""
    funding = result.funding
    proposed = funding[funding["status"] == "proposed"]
    if funding.empty:
        return say("Data har ingen midler til flere sagsbehandlere, så figurens nederste del er tom.")
    if proposed.empty:
        return say("Data har ingen foreslåede midler; figuren viser de bevilgede midler.", of_rows(funding))
    sentences = []
    for decision, rows in proposed.groupby("decision", sort=False):
        parts = []
        for row in rows.to_dict("records"):
            amount = _amount(row)
            label, span = BORGERCENTRE[row["borgercenter"]].label, funding_span(row)
            parts.append(
                say("{a} om året til {c} ({s})", a=amount, c=label, s=span)
                if amount is not None
                else say("midler til {c} ({s}; beløbet er ikke oplyst)", of_row(row), c=label, s=span)
            )
        sentences.append(
            say("{d} foreslår midler til flere sagsbehandlere: {p}.", d=decision, p=listing(parts))
        )
    sentences.append(
        say(
            "Det er et forslag, ikke en bevilling: i figuren er de foreslåede midler skraverede og kaldt "
            '"foreslået, ikke vedtaget".',
            of_rows(proposed),
        )
    )
    sentences.append(_after_proposal(result, proposed))
    return _joined(sentences)


def _after_proposal(result: Result, proposed: pd.DataFrame) -> Fact:
    """Whether the data has measurements from after the earliest proposed funding would start."""
    measured = result.measurements
    if measured.empty:
        return say("")
    start = pd.Timestamp(int(proposed["first_year"].min()), 1, 1)
    later = measured[measured["end"] >= start]
    last = measured.sort_values("end").iloc[-1]
    if later.empty:
        return say(
            "Data har ingen målinger efter {p}{mark}, så figuren kan ikke vise, hvordan det gik, efter at "
            "forslaget eventuelt blev vedtaget.",
            of_rows(proposed),
            p=_period(last),
            mark=_marked(of_row(last), "den seneste måling"),
        )
    return say(
        "{n} af målingerne{mark} er fra {y} eller senere, da de foreslåede midler tidligst ville begynde; "
        "om forslaget blev vedtaget, siger data ikke.",
        of_rows(proposed) | of_rows(later),
        n=Fact(str(len(later)), "text", of_rows(later)),  # a count of rows, not a value of them
        mark=_marked(of_rows(later)),
        y=Fact(start.year, "year", of_rows(proposed)),
    )


def _marked(origin, what: str = "") -> str:
    """ " (den seneste måling, brugerleveret)" where a sentence's dates rest on a user's rows."""
    mark = user_mark(origin)
    return f" ({what + ', ' if what else ''}{mark})" if mark else ""


def _headline(result: Result) -> Fact:
    """The chapter's finding on the front page: per borgercenter its latest measurement against
    its own target, and the funding it had in the measured period (from the funding rows)."""
    parts = [_centre_headline(result, c) for c in calc.centres(result.measurements)]
    if not parts:
        return _intro(result)
    return say(" ".join(f"{{p{i}}}" for i in range(len(parts))), **{f"p{i}": p for i, p in enumerate(parts)})


def _centre_headline(result: Result, centre: str) -> Fact:
    rows = _rows(result, centre)
    first, last = rows.iloc[0], rows.iloc[-1]
    label = BORGERCENTRE[centre].label
    during = calc.funding_between(result.funding, centre, first["start"], last["end"])
    name = label
    if len(during):
        funded = [f"i {r['decision']} for {funding_span(r)}" for r in during.to_dict("records")]
        name = say("{c}, som fik midler {f},", of_rows(during), c=label, f=danish.listing(funded))
    if len(rows) > 1 and calc.change(first, last) is not None:
        sentence = say(
            "{name} gik fra {v1} {w1} til {v2} {w2}",
            name=name,
            v1=_share(first),
            w1=Fact(when(first), "text", of_row(first)),
            v2=_share(last),
            w2=Fact(when(last), "text", of_row(last)),
        )
        period = "i den periode"
    else:
        sentence = say(
            "{name} afgjorde {v} af sagerne inden for fristen {w}",
            name=name,
            v=_share(last),
            w=Fact(when(last), "text", of_row(last)),
        )
        period = f"fra {first['period']} til {last['period']}"
    own = result.targets[result.targets["borgercenter"] == centre]
    if len(own):
        sentence = say("{s}: {t}", s=sentence, t=_against_target(last, centre, result.targets))
    if during.empty and len(rows) > 1:
        sentence = say(
            "{s}; data nævner ingen ekstra midler til centret {p}",
            of_rows(result.funding),
            s=sentence,
            p=period,
        )
    return say("{s}.", s=sentence)


def _change(first: pd.Series, last: pd.Series) -> Fact:
    """The change between the first and the last measurement, as a sentence."""
    based_on = of_row(first) | of_row(last)
    if first.equals(last):
        return say("En ændring kan ikke beregnes: der er færre end to målinger.", based_on)
    points = calc.change(first, last)
    if points is None and first["is_range"] and last["is_range"]:
        return say(
            "En ændring kan ikke beregnes som ét tal, fordi begge tal er intervaller ({a} og {b}).",
            based_on,
            a=_share(first),
            b=_share(last),
        )
    if points is None:
        ranged, single = (first, last) if first["is_range"] else (last, first)
        where = {"below": "under", "above": "over", "inside": "inden for"}[calc.within(single, ranged)]
        return say(
            "En ændring fra {fp} til {lp} kan ikke beregnes som ét tal, fordi tallet for {rp} er et interval "
            "({rv}); {sv} {sp} ligger {where} intervallet.",
            based_on,
            fp=_period(first),
            lp=_period(last),
            rp=_period(ranged),
            rv=_share(ranged),
            sv=_share(single),
            sp=when(single),
            where=where,
        )
    formula = f"{danish.plain(last['low'])} − {danish.plain(first['low'])}"
    amount = Fact(abs(points), "pct_points", derived(formula, based_on), decimals=calc.decimals(abs(points)))
    return say(
        "Fra {fp} til {lp} {verb} andelen {amount}.",
        fp=_period(first),
        lp=_period(last),
        verb=direction(points, same="var"),
        amount=say("med {n}", n=amount) if points else "uændret",
    )


def versus(low: float, high: float, reference: float, amount: bool = True) -> str:
    """Where a value or a range lies against a reference value, in words (no target named):
    "1 procentpoint over" (or just "over" without the amount)."""
    side = calc.side(low, high, reference)
    if side in ("above", "below"):
        word = "over" if side == "above" else "under"
        gap = abs(low - reference)
        return f"{danish.pct_points(gap, calc.decimals(gap))} {word}" if amount else word
    return {
        "on": "præcis på",
        "all above": "med hele intervallet på eller over",
        "all below": "med hele intervallet under",
        "across": "med intervallet på begge sider af",
    }[side]


def _against_target(last: pd.Series, centre: str, targets: pd.DataFrame) -> Fact:
    """The latest measurement against the centre's own target, or, if it has none, against the
    target the data gives for another centre (and saying so)."""
    if targets.empty:
        return say("uden et mål at holde den op mod: data har intet mål for andelen", of_row(last))
    own = targets[targets["borgercenter"] == centre]
    target = (own if len(own) else targets).iloc[0]
    based_on = of_row(last) | of_row(target)
    goal = Fact(target["target"], "pct", of_row(target), decimals=calc.decimals(target["target"]))
    side = calc.side(last["low"], last["high"], target["target"])
    if side in ("above", "below"):
        gap = abs(last["low"] - target["target"])
        formula = f"{danish.plain(last['low'])} − {danish.plain(target['target'])}"
        where = say(
            "{n} {w}",
            n=Fact(gap, "pct_points", derived(formula, based_on), decimals=calc.decimals(gap)),
            w="over" if side == "above" else "under",
        )
    else:
        where = say(versus(last["low"], last["high"], target["target"]), based_on)
    if len(own):
        return say("{where} målet ({goal})", based_on, where=where, goal=goal)
    return say(
        "{where} {other}s mål ({goal}); data har intet mål for {centre}, så sammenligningen er kun "
        "vejledende",
        based_on,
        where=where,
        other=BORGERCENTRE[target["borgercenter"]].label,
        goal=goal,
        centre=BORGERCENTRE[centre].label,
    )


def funding_span(row) -> str:
    """ "2019–2021" for temporary funding, "varigt fra 2022" for permanent funding."""
    if row["duration"] == "permanent":
        return f"varigt fra {int(row['first_year'])}"
    return year_span(int(row["first_year"]), int(row["last_year"]))


def funding_amount(row) -> str:
    """The yearly amount in millions ("15 mio. kr. om året"), or that the source gives none."""
    amount = row["per_year_1000_kr"]
    if is_missing(amount):
        return "beløb ikke oplyst"
    return f"{danish.thousand_kr_as_mio(amount, calc.decimals(float(amount) / 1000, 3))} om året"


# --- Formality complaints in two years ---------------------------------------------------------------


def _complaint_facts(result: Result) -> dict[str, Fact]:
    """Formality complaints in two years, saying which value is stated and which computed."""
    rows = result.complaints.set_index("year")
    found = {
        "complaints_base_year": setting(result.base_year, "year"),
        "complaints_year": setting(result.year, "year"),
    }
    for key, year in (("complaints_base", result.base_year), ("complaints_value", result.year)):
        row = rows.loc[year].to_dict()
        found[key] = from_row(row, "count", "auto")
        found[f"{key}_basis"] = Fact(_basis(row), "text", from_row(row, "count", "auto").provenance)
    found["complaints_change"] = _complaint_change(result)
    found["complaints_values"] = _complaint_values(result)
    return found


def _complaint_rows(result: Result) -> tuple[dict, dict]:
    rows = result.complaints.set_index("year")
    return rows.loc[result.base_year].to_dict() | {"year": result.base_year}, rows.loc[
        result.year
    ].to_dict() | {"year": result.year}


def states_comparison(base: dict, value: dict) -> bool:
    """Whether the later year's count is derived from a change its source states between exactly
    these two years: its quote names both years and its formula starts from the base year's count."""
    if value.get("kind") != "derived" or is_missing(value.get("quote")) or is_missing(value.get("formula")):
        return False
    quote, formula = str(value["quote"]), str(value["formula"])
    return (
        str(base["year"]) in quote
        and str(value["year"]) in quote
        and not is_missing(base.get("count"))
        and formula.startswith(danish.auto(base["count"]))
    )


def _complaint_change(result: Result) -> Fact:
    """A whole sentence on the change from the base year: the source's own words where it states
    that very comparison, otherwise computed and saying so, or what is missing."""
    base, value = _complaint_rows(result)
    based_on = from_row(base, "count", "auto").provenance | from_row(value, "count", "auto").provenance
    missing = [row["year"] for row in (base, value) if is_missing(row.get("count"))]
    if missing:
        years = danish.listing(sorted(set(missing)))
        return say(
            "Data har intet tal for formalitetsklager i {years}, så ændringen fra {b} til {y} kan "
            "ikke beregnes.",
            based_on,
            years=years,
            b=str(result.base_year),
            y=str(result.year),
        )
    change = complaint_calc.percent_change(result.complaints, result.base_year, result.year)
    formula = (
        f"({danish.auto(value['count'])} − {danish.auto(base['count'])}) ÷ {danish.auto(base['count'])} × 100"
    )
    amount = Fact(abs(change), "pct", derived(formula, based_on), decimals=0 if abs(change) >= 1 else 1)
    moved = round(change, 1) != 0
    verb = direction(change) if moved else "var uændret"
    by = say(" med {amount}", amount=amount) if moved else say("")
    if states_comparison(base, value):
        origin = of_row(value)
        return say(
            "{names} oplyser, at antallet af formalitetsklager {verb}{by} fra {b} til {y} "
            "(»{quote}«), men ikke "
            "selve antallet i {y}.",
            names=sources_named(origin, result.registry),
            verb=verb,
            by=by,
            b=str(result.base_year),
            y=str(result.year),
            quote=Fact(str(value["quote"]), "text", origin),
        )
    return say(
        "Fra {b} til {y} {verb} antallet af formalitetsklager{by}, {named}.",
        b=str(result.base_year),
        y=str(result.year),
        verb=verb,
        by=by,
        named=according_to(derived(formula, based_on), result.registry),
    )


def _complaint_values(result: Result) -> Fact:
    """Where each of the two years' counts comes from, in whole sentences."""
    sentences = []
    rows = _complaint_rows(result)
    for row in rows[:1] if result.base_year == result.year else rows:
        year = str(row["year"])
        count = from_row(row, "count", "auto")
        origin = count.provenance
        if count.missing:
            sentences.append(say("Data har intet tal for {y}.", y=year))
        elif row["kind"] == "derived":
            sentences.append(
                say(
                    "Tallet for {y}, {n}, er beregnet som {f}, ikke oplyst i kilden. Det vises "
                    "derfor med en åben "
                    "markør.",
                    y=year,
                    n=count,
                    f=Fact(row["formula"], "text", origin),
                )
            )
        else:
            verb = "står i" if row["kind"] == "stated" else "kommer fra"
            sentences.append(
                say(
                    "Tallet for {y}, {n} formalitetsklager, {verb} {names}.",
                    y=year,
                    n=count,
                    verb=verb,
                    names=sources_named(origin, result.registry),
                )
            )
    return _joined(sentences)


def _basis(row) -> str:
    if is_missing(row["count"]):
        return "ikke oplyst"
    if row["kind"] == "derived":
        return f"beregnet som {row['formula']}, ikke oplyst i kilden"
    return KIND_LABEL.get(row["kind"], row["kind"])


def _short_basis(row) -> str:
    """Label beside a point: "oplyst", "brugerleveret" or "beregnet: 580 × (1 − 0,07)"."""
    if is_missing(row["count"]):
        return danish.MISSING
    if row["kind"] == "derived":
        return f"beregnet: {row['formula']}"
    return "brugerleveret" if row["kind"] == "user-supplied" else "oplyst"


# --- Readings of the sources ---------------------------------------------------------------------

QUOTED = re.compile(r"»([^«]+)«")


def applying_readings(result: Result, figure: str = "frister") -> pd.DataFrame:
    """The chapter's readings of its sources (data/assumptions.csv) that concern values shown: each
    reading quotes its source (»…« in its statement, or else in its reasons), and applies only when
    every quoted fragment stands in a quote of a value the chapter shows."""
    if figure == "frister":
        frames = [result.measurements, result.targets, result.funding]
    else:
        frames = [result.complaints]
    quotes = [str(q) for frame in frames for q in frame["quote"].dropna()]
    keep = []
    for row in result.assumptions.to_dict("records"):
        fragments = QUOTED.findall(str(row["statement"])) or QUOTED.findall(str(row["why"]))
        keep.append(bool(fragments) and all(any(f in q for q in quotes) for f in fragments))
    return result.assumptions[keep]


def readings(result: Result, figure: str = "frister") -> HTML:
    """A note with the readings that concern the values shown (nothing if none does)."""
    rows = applying_readings(result, figure)
    if rows.empty:
        return HTML("")
    items = "".join(
        f"<li>{html.escape(str(r['statement']))} {html.escape(str(r['why']))} "
        f"{html.escape(str(r['impact']))}</li>"
        for r in rows.to_dict("records")
    )
    lead = danish.count(len(rows), "læsning", "læsninger")
    documents = "kilden" if rows["source_id"].nunique() <= 1 else "kilderne"
    return HTML(
        f'<div class="admonition note"><p class="admonition-title">Sådan læses {documents}</p>'
        f"<p>Tallene ovenfor bygger på {lead} af {documents}, som skal holdes for øje:</p><ul>{items}</ul>"
        '<p>De står også under <a href="antagelser.html">Antagelser og forbehold</a>.</p></div>'
    )


def centres(result: Result) -> HTML:
    """The paragraphs about each borgercenter, under its name (text from data escaped)."""
    parts = []
    for centre, paragraphs in centre_paragraphs(result).items():
        body = "".join(f"<p>{html.escape(written(p))}</p>" for p in paragraphs if written(p))
        parts.append(f"<h3>{html.escape(BORGERCENTRE[centre].label)}</h3>{body}")
    return HTML("".join(parts) or f"<p>{html.escape(written(_intro(result)))}</p>")


# --- The figure of measurements and funding --------------------------------------------------------


def figure(result: Result) -> go.Figure:
    """Share of cases within the deadline per borgercenter (top) above the funding each centre had
    or is proposed to get (bottom), on one time axis."""
    shown, money, targets = result.shown, result.money, result.targets
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.72, 0.28],
        vertical_spacing=0.1,
        subplot_titles=PANELS,
    )
    scale = PLOT_WIDTH / max((pd.Timestamp(result.shown_to) - pd.Timestamp(result.shown_from)).days, 1)
    _granted_shading(fig, money, result.shown_to, scale)
    _target_lines(fig, targets, result, in_legend=_targets_crowded(shown, targets, result, scale))
    ordered = sorted(calc.centres(shown), key=lambda c: -shown.loc[shown["borgercenter"] == c, "low"].mean())
    labelled = _apart(shown, ordered)
    for rank, centre in enumerate(ordered):
        rows = shown[shown["borgercenter"] == centre]
        _measurement_traces(fig, rows, centre, above=rank == 0, scale=scale if labelled else 0, axis=result)
    _funding_lanes(fig, money, result.shown_from, result.shown_to, scale)
    if (shown["end"] > shown["start"]).any():
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                line=dict(color=charts.REFERENCE_GREY, width=2),
                name="Vandret streg: perioden, tallet er målt over",
                hoverinfo="skip",
            ),
            row=1,
            col=1,
        )
    charts.kind_legend(fig, shown["kind"])
    fig.update_xaxes(
        type="date",
        range=[result.shown_from, result.shown_to],
        dtick=f"M{12 * _years_per_tick(result)}",
        tickformat="%Y",
        ticklabelmode="period",
    )
    fig.update_yaxes(title_text="Pct. af sagerne", range=[0, 100], ticksuffix="", row=1, col=1)
    fig.update_yaxes(type="category", showgrid=False, zeroline=False, row=2, col=1)
    bottom = max(215, 60 + 31 * _legend_rows(fig))
    fig.update_layout(
        height=725 + bottom - 215,
        margin=dict(
            b=bottom, t=charts.TEMPLATE_TOP_MARGIN + 25
        ),  # room for the panel's title under a long title
        legend=dict(y=-0.07),
        barmode="overlay",
    )
    charts.panel_titles(fig, PANELS)
    used = [*shown["source_id"], *targets["source_id"], *money["source_id"]]
    span = year_span(shown["start"].min().year, shown["end"].max().year) if len(shown) else ""
    return charts.style(
        fig,
        title=_title(shown, targets),
        subtitle=f"Pct. af sagerne inden for fristen, målt {span}, Københavns Kommune",
        source="; ".join(short_titles(result.registry, used))
        + (". Skraverede midler er kun foreslået." if (money["status"] == "proposed").any() else "."),
        alt=_alt_text(shown, targets, money),
    )


PLOT_WIDTH = 560  # px: the plot's width in the book's text column (672 px less the margins)
CHAR_WIDTH = 6.6  # px: an average character of the labels (13 px Arial)


def _legend_rows(fig: go.Figure) -> int:
    """About how many rows the legend takes in the text column: a row per entry of a group (plotly
    stacks a group), the other entries packed side by side as far as they fit."""
    shown = [t for t in fig.data if t.showlegend is not False and t.name]
    rows, width = sum(1 for t in shown if t.legendgroup), None
    for trace in (t for t in shown if not t.legendgroup):
        entry = 45 + len(trace.name) * 7.2  # the symbol and the words at 14 px
        if width is None or width + entry > LEGEND_WIDTH:
            rows, width = rows + 1, 0
        width += entry
    return rows


LEGEND_WIDTH = 620  # px


def _years_per_tick(result: Result) -> int:
    """One tick a year up to twelve years on the axis, then every second, fifth ... year."""
    years = (pd.Timestamp(result.shown_to) - pd.Timestamp(result.shown_from)).days / 365.25
    return next((step for step in (1, 2, 5, 10, 20) if years / step <= 12), 50)


def fitting_labels(x: pd.Series, texts: list[str], scale: float, start, end) -> list[bool]:
    """Which points keep a text label (centred on the point) so that no two labels overlap and none
    sticks out of the axis: from the latest point back, a label is kept when it clears the next kept
    one; the others are read by hovering. `scale` is pixels per day (0: no labels)."""
    keep, right_edge = [False] * len(texts), None
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    for i in sorted(range(len(texts)), key=lambda i: x.iloc[i], reverse=True):
        centre = (x.iloc[i] - start).days * scale
        half = len(texts[i]) * CHAR_WIDTH / 2
        inside = centre - half >= 0 and centre + half <= (end - start).days * scale
        if scale and inside and (right_edge is None or centre + half + 4 <= right_edge):
            keep[i], right_edge = True, centre - half
    return keep


def _granted_shading(fig: go.Figure, money: pd.DataFrame, shown_to: str, scale: float) -> None:
    """Shade each granted period behind the measurements, so "with funding" can be read off; its
    label only where it fits before the next shaded period (the legend names them all)."""
    granted = money[money["status"] == "granted"].sort_values("start")
    starts = [*granted["start"], pd.Timestamp(shown_to)]
    for i, (_, row) in enumerate(granted.iterrows()):
        centre = BORGERCENTRE[row["borgercenter"]]
        label = f"{centre.short}: midler fra {row['decision']}"
        room = (min(starts[i + 1 :]) - row["start"]).days * scale if i + 1 < len(starts) else 0
        fits = len(label) * CHAR_WIDTH * 12 / 13 + 8 <= room
        fig.add_vrect(
            x0=row["start"],
            x1=min(row["end"], pd.Timestamp(shown_to)),
            row=1,
            col=1,
            fillcolor=centre.colour,
            opacity=0.08,
            line_width=0,
            annotation_text=charts.text(label) if fits else None,
            annotation_position="bottom left",
            exclude_empty_subplots=False,
        )


def _title(shown: pd.DataFrame, targets: pd.DataFrame) -> str:
    """The latest measurement per centre, and where it lies against the centre's own target."""
    parts = []
    target_of = targets.set_index("borgercenter")["target"]
    for centre in calc.centres(shown):
        last = shown[shown["borgercenter"] == centre].iloc[-1]
        text = f"{BORGERCENTRE[centre].short} {last['value_text']}"
        if centre in target_of.index:
            where = versus(last["low"], last["high"], target_of[centre], amount=False)
            text += f", {where} målet på {share_text(target_of[centre], target_of[centre])}"
        parts.append(text)
    return "; ".join(parts) if parts else "Ingen målinger af sagsfrister i perioden"


def _apart(shown: pd.DataFrame, ordered: list[str]) -> bool:
    """Whether labels above the higher series and below the lower one keep apart: at most two
    series, every value of the higher one above every value of the lower one."""
    if len(ordered) < 2:
        return True
    if len(ordered) > 2:
        return False
    upper, lower = (shown[shown["borgercenter"] == c] for c in ordered)
    return bool(upper["low"].min() > lower["high"].max())


def _target_label(row) -> str:
    target = share_text(row["target"], row["target"])
    return f"Mål for {BORGERCENTRE[row['borgercenter']].label}: mindst {target}"


def _targets_crowded(shown: pd.DataFrame, targets: pd.DataFrame, result: Result, scale: float) -> bool:
    """Whether a target's label, drawn at the right end of its line, would lie over a measurement:
    then the targets are named in the legend instead."""
    if targets.empty or shown.empty:
        return False
    widest = max(len(_target_label(r)) for r in targets.to_dict("records")) * CHAR_WIDTH * 12 / 13
    start = pd.Timestamp(result.shown_to) - pd.Timedelta(days=widest / scale)
    return bool((shown["end"] >= start).any())


def _target_lines(fig: go.Figure, targets: pd.DataFrame, result: Result, in_legend: bool) -> None:
    shown_from, shown_to = result.shown_from, result.shown_to
    for _, row in targets.iterrows():
        fig.add_shape(
            type="line",
            x0=shown_from,
            x1=shown_to,
            y0=row["target"],
            y1=row["target"],
            row=1,
            col=1,
            line=dict(dash="dash"),
        )
        if in_legend:
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="lines",
                    line=dict(color=charts.REFERENCE_GREY, width=2, dash="dash"),
                    name=_target_label(row),
                    hoverinfo="skip",
                ),
                row=1,
                col=1,
            )
            continue
        fig.add_annotation(
            x=shown_to,
            y=row["target"],
            row=1,
            col=1,
            xanchor="right",
            yanchor="bottom",
            text=charts.text(_target_label(row)),
        )


def _measurement_traces(
    fig: go.Figure, rows: pd.DataFrame, key: str, above: bool, scale: float, axis: Result
) -> None:
    centre = BORGERCENTRE[key]
    singles, ranges = rows[~rows["is_range"]], rows[rows["is_range"]]
    spans = singles[singles["end"] > singles["start"]]
    if len(spans):  # the span a measurement covers, as a thin bar: no line joins measurements
        fig.add_trace(
            go.Scatter(
                x=[x for _, r in spans.iterrows() for x in (r["start"], r["end"], None)],
                y=[y for _, r in spans.iterrows() for y in (r["low"], r["low"], None)],
                mode="lines",
                line=dict(color=centre.colour, width=2),
                name=f"{centre.short}: måleperiode",
                legendgroup=key,
                hoverinfo="skip",
                showlegend=False,
            ),
            row=1,
            col=1,
        )
    texts = [f"{centre.short} {v}" for v in singles["value_text"]]
    keep = fitting_labels(singles["midpoint"], texts, scale, axis.shown_from, axis.shown_to)
    if len(singles):
        fig.add_trace(
            _single_trace(singles, key, above, [t if k else "" for t, k in zip(texts, keep)]), row=1, col=1
        )
    if len(ranges):  # a range is a vertical bar with end caps, never a midpoint
        _range_trace(fig, ranges, key, labels=_range_labels_fit(ranges, singles, texts, keep, scale, axis))


def _single_trace(singles: pd.DataFrame, key: str, above: bool, texts: list[str]) -> go.Scatter:
    centre = BORGERCENTRE[key]
    return go.Scatter(
        x=singles["midpoint"],
        y=singles["low"],
        name=centre.label,
        legendgroup=key,
        mode="markers+text",
        marker=dict(
            size=12,
            color=centre.colour,
            symbol=[charts.KIND_SYMBOL[k] for k in singles["kind"]],
            line=dict(color=centre.colour, width=2),
        ),
        text=texts,
        textposition="top center" if above else "bottom center",
        textfont=dict(color=charts.readable(centre.colour), size=13),
        customdata=[
            [p, v, KIND_LABEL[k]]
            for p, v, k in zip(singles["period"], singles["value_text"], singles["kind"])
        ],
        hovertemplate=f"{centre.label}, %{{customdata[0]}}: %{{customdata[1]}} "
        f"(%{{customdata[2]}})<extra></extra>",
    )


def _range_labels_fit(ranges, singles, texts, keep, scale: float, axis: Result) -> bool:
    """Whether each range's label, left of its bar, stays inside the plot and clear of the other
    labels: drawn only then (the legend and hovering name the range otherwise)."""
    if not scale or not all(keep) or len(ranges) > 2:
        return False
    start = pd.Timestamp(axis.shown_from)
    boxes = [
        (
            (x - start).days * scale - len(t) * CHAR_WIDTH / 2,
            (x - start).days * scale + len(t) * CHAR_WIDTH / 2,
        )
        for x, t in zip(singles["midpoint"], texts)
    ]
    for row in ranges.to_dict("records"):
        right = (row["midpoint"] - start).days * scale - 12
        left = (
            right
            - len(f"{BORGERCENTRE[row['borgercenter']].short} {row['value_text']} (interval)") * CHAR_WIDTH
        )
        if left < 0 or any(a < right and left < b for a, b in boxes):
            return False
        boxes.append((left, right))
    return True


def _range_trace(fig: go.Figure, ranges: pd.DataFrame, key: str, labels: bool) -> None:
    """A centre's ranges as vertical bars with end caps (one trace; None between bars); each is
    labelled beside it only when there is room, else read by hovering."""
    centre = BORGERCENTRE[key]
    records = ranges.to_dict("records")
    only = f" {records[0]['value_text']}" if len(records) == 1 else ""
    hover = [
        f"{centre.label}, {r['period']}: {r['value_text']} (interval, {KIND_LABEL[r['kind']]})"
        for r in records
    ]
    fig.add_trace(
        go.Scatter(
            x=[x for r in records for x in (r["midpoint"], r["midpoint"], None)],
            y=[y for r in records for y in (r["low"], r["high"], None)],
            mode="lines+markers",
            name=f"{centre.label}: interval{only} (ikke ét tal)",
            legendgroup=key,
            line=dict(color=centre.colour, width=5),
            marker=dict(
                symbol="line-ew-open", size=18, color=centre.colour, line=dict(color=centre.colour, width=3)
            ),
            customdata=[[charts.hover_text(h)] for h in hover for _ in range(3)],
            hovertemplate="%{customdata[0]}<extra></extra>",
        ),
        row=1,
        col=1,
    )
    for r in records if labels else []:
        fig.add_annotation(
            x=r["midpoint"],
            y=(r["low"] + r["high"]) / 2,
            row=1,
            col=1,
            xanchor="right",
            xshift=-12,
            font=dict(color=charts.readable(centre.colour), size=13),
            text=charts.text(f"{centre.short} {r['value_text']} (interval)"),
        )


LANE_EMPTY = ("ingen ekstra midler nævnt i data", "ingen midler i data")  # the longest that fits


def _funding_lanes(fig: go.Figure, money: pd.DataFrame, shown_from, shown_to, scale: float) -> None:
    """One lane per borgercenter: solid bars for granted funding, hatched bars for proposed funding."""
    for status in ("granted", "proposed"):
        rows = money[money["status"] == status]
        if len(rows):
            fig.add_trace(_funding_bars(rows, status, shown_from, shown_to), row=2, col=1)
    for key in calc.centres(money):  # say so where a lane has no funding in view (absence is not zero)
        first = money.loc[money["borgercenter"] == key, "start"].min()
        room = (first - pd.Timestamp(shown_from)).days * scale - 16  # px before the lane's first bar
        words = next((w for w in LANE_EMPTY if len(w) * CHAR_WIDTH * 12 / 13 <= room), None)
        if words:
            fig.add_annotation(
                x=pd.Timestamp(shown_from) + pd.Timedelta(days=4 / scale),
                y=BORGERCENTRE[key].short,
                row=2,
                col=1,
                xanchor="left",
                text=words,
            )


def _funding_bars(rows: pd.DataFrame, status: str, shown_from, shown_to) -> go.Bar:
    proposed = status == "proposed"
    start = rows["start"].clip(lower=pd.Timestamp(shown_from))
    end = rows["end"].clip(upper=pd.Timestamp(shown_to)) + pd.Timedelta(days=1)
    records = rows.to_dict("records")
    colours = [BORGERCENTRE[c].colour for c in rows["borgercenter"]]
    texts = [
        f"{BORGERCENTRE[r['borgercenter']].short}: {r['decision']}, {funding_span(r)}, {funding_amount(r)}"
        for r in records
    ]
    short = [f"{funding_span(r)}, {funding_amount(r).replace(' om året', '/år')}" for r in records]
    return go.Bar(
        y=[BORGERCENTRE[c].short for c in rows["borgercenter"]],
        base=start,
        x=(end - start).dt.total_seconds() * 1000,
        orientation="h",
        name=f"Midler {STATUS_LABEL[status]}"
        + (" (skraveret)" if proposed else "")
        + f": {danish.listing(list(dict.fromkeys(rows['decision'])))}"
        + (" (brugerleveret)" if (rows["kind"] == "user-supplied").any() else ""),
        marker=dict(
            color="white" if proposed else colours,
            line=dict(color=colours, width=2),
            pattern=dict(shape="/", fgcolor=charts.MUTED_GREY, size=8, solidity=0.3) if proposed else None,
            opacity=1 if proposed else 0.35,
        ),
        text=[("Foreslået: " if proposed else "Bevilget: ") + s for s in short],
        textposition="inside",
        insidetextanchor="start",
        textfont=dict(color=charts.TEXT, size=12),
        customdata=[[t, STATUS_LABEL[status]] for t in texts],
        hovertemplate="%{customdata[0]} (%{customdata[1]})<extra></extra>",
        width=0.6,
    )


def _alt_text(shown: pd.DataFrame, targets: pd.DataFrame, money: pd.DataFrame) -> str:
    parts = [
        "Punktdiagram over andelen af sager afgjort inden for fristen, med en tidslinje over "
        "midler nedenunder."
    ]
    for key in calc.centres(shown):
        rows = shown[shown["borgercenter"] == key]
        values = [
            f"{v} ({p}" + (", interval)" if r else ")")
            for v, p, r in zip(rows["value_text"], rows["period"], rows["is_range"])
        ]
        parts.append(f"{BORGERCENTRE[key].label}: {danish.listing(values)}.")
    for _, row in targets.iterrows():
        label = BORGERCENTRE[row["borgercenter"]].label
        parts.append(f"Stiplet linje: mål for {label} på mindst {share_text(row['target'], row['target'])}")
    for row in money.to_dict("records"):
        label = BORGERCENTRE[row["borgercenter"]].label
        parts.append(
            f"Midler til {label}, {STATUS_LABEL[row['status']]}: {row['decision']}, "
            f"{funding_span(row)}, {funding_amount(row)}."
        )
    return " ".join(parts)


# --- The figure of formality complaints ----------------------------------------------------------


def complaints_figure(result: Result) -> go.Figure:
    """Formality complaints in two years; a computed value is drawn with an open marker."""
    series, base_year, year = result.complaints, result.base_year, result.year
    kinds = series["kind"].fillna("stated")
    rows = series.to_dict("records")
    fig = go.Figure(
        go.Scatter(
            x=series["year"],
            y=series["count"],
            mode="markers+text",
            name="Formalitetsklager",
            marker=dict(
                size=16,
                color=charts.PALETTE[0],
                symbol=[charts.KIND_SYMBOL[k] for k in kinds],
                line=dict(color=charts.PALETTE[0], width=3),
            ),
            text=[f"{danish.auto(r['count'])} ({_short_basis(r)})" for r in rows],
            textposition="top center",
            cliponaxis=False,
            customdata=[[danish.auto(r["count"]), _basis(r)] for r in rows],
            hovertemplate="Formalitetsklager %{x}: %{customdata[0]} (%{customdata[1]})<extra></extra>",
        )
    )
    charts.kind_legend(fig, kinds)
    fig.update_xaxes(tickvals=[base_year, year], tickformat="d", range=[base_year - 0.6, year + 0.6])
    top = max(series["count"].max() * 1.25, 1) if series["count"].notna().any() else 1
    fig.update_yaxes(title_text="Antal klager", tickformat=",d", rangemode="tozero", range=[0, top])
    fig.update_layout(height=440)
    shown = {key: danish.write(fact) for key, fact in _complaint_facts(result).items()}
    return charts.style(
        fig,
        title=_complaints_title(result),
        subtitle="Modtagne formalitetsklager pr. år, Socialforvaltningen, Københavns Kommune, "
        f"{base_year} og {year}",
        source="; ".join(short_titles(result.registry, series["source_id"].dropna()))
        + ". Åben markør: beregnet, ikke oplyst.",
        alt=(
            f"Punktdiagram med to år. {base_year}: {shown['complaints_base']} formalitetsklager "
            f"({shown['complaints_base_basis']}). {year}: {shown['complaints_value']} "
            f"({shown['complaints_value_basis']})."
        ),
    )


def _complaints_title(result: Result) -> str:
    """The change from the base year, computed from the counts (or which year lacks a count)."""
    try:
        change = complaint_calc.percent_change(result.complaints, result.base_year, result.year)
    except ValueError:
        missing = complaint_calc.missing_years(result.complaints)
        return (
            f"Formalitetsklager {result.base_year} og {result.year}: intet tal for {danish.listing(missing)}"
        )
    amount = danish.pct(abs(change), 0 if abs(change) >= 1 else 1)
    moved = f"{direction(change)} med {amount}" if round(change, 1) else "uændret"
    return f"Formalitetsklager {moved} fra {result.base_year} til {result.year}"


# --- Compliance computed from a case extract -----------------------------------------------------


def _cases(extract: pd.DataFrame, source: str, measured, period: str) -> Cases:
    day = case_calc.measurement_day(extract, measured)
    computed, totals = case_calc.compliance_and_totals(extract, day, period)
    cut_to = f" (til {date_label(day.date().isoformat())})"
    described = computed.assign(
        period=[
            period_label(s, e) + (cut_to if c else "")
            for s, e, c in zip(computed["period_start"], computed["full_end"], computed["cut"])
        ],
        series=[BORGERCENTRE[c].label for c in computed["borgercenter"]],
        value_text=[danish.pct(v, 1) for v in computed["low"]],
        kind="derived",
        source_id=source,
        quote=None,
        formula=[
            f"{CASE_FORMULA} = {danish.number(t)} / ({danish.number(t + la)} + {danish.number(o)}) × 100"
            for t, la, o in zip(computed["on_time"], computed["late"], computed["open_late"])
        ],
    )
    return Cases(source, described, totals, day, period)


def how_to_supply() -> HTML:
    """The one sentence shown when no extract is supplied (the columns come from the schema)."""
    columns = ", ".join(cases_schema().columns)
    forms = " eller ".join(inventory.suffixes("cases")[1:])
    return HTML(
        f"<p>Bogen kan også beregne overholdelsen selv af et sagsudtræk med én række pr. sag: læg "
        f"en fil <code>cases.csv</code> (eller {forms}) med kolonnerne "
        f"<code>{columns}</code> i en "
        f'datamappe (se <a href="dataordbog.html#data-cases">dataordbogen</a>; en skabelon skrives med '
        f"<code>python -m analysis init-data MAPPE --only cases</code>), og byg bogen med "
        f"<code>python -m analysis build --data MAPPE</code>.</p>"
    )


def cases_summary(result: Result) -> HTML:
    """What the computation used: the file, the measurement date, the period and the counts."""
    cases = result.cases
    n = {key: danish.number(value) for key, value in cases.totals.items()}
    count = lambda key, one="sag", many="sager": danish.count(cases.totals[key], one, many)
    return HTML(
        f"<p>Beregnet af sagsudtrækket <code>{html.escape(cases.source)}</code> med {count('cases')}, "
        f"opgjort pr. {date_label(cases.measured.date().isoformat())} og pr. {PERIOD_NAME[cases.period]}. "
        f"Med i opgørelsen: {count('on_time')} afgjort inden for fristen, {n['late']} afgjort efter fristen "
        f"og {count('open_late', 'åben sag', 'åbne sager')} over fristen, som tæller som for sent. Ikke med: "
        f"{count('open_within', 'åben sag', 'åbne sager')}, der stadig er inden for fristen, og "
        f"{count('received_later')} modtaget efter opgørelsesdatoen. Tallene er beregnet af egne data, "
        f"ikke oplyst i en kilde, og vises med åben markør.</p>"
    )


def cases_figure(result: Result) -> go.Figure:
    """Computed compliance per borgercenter, drawn at the middle of each period, with each
    borgercenter's target. A period without measured cases leaves a gap in the line."""
    computed, targets = result.cases.computed, result.targets
    start, end = pd.to_datetime(computed["period_start"]), pd.to_datetime(computed["period_end"])
    shown = computed.assign(midpoint=start + (end - start) / 2)
    every = pd.Index(sorted(set(shown["period_start"])))
    fig = go.Figure()
    for key, rows in shown.groupby("borgercenter", sort=False):
        fig.add_trace(_computed_trace(rows.set_index("period_start").reindex(every), key, every))
    for _, row in targets[targets["borgercenter"].isin(set(computed["borgercenter"]))].iterrows():
        fig.add_hline(y=row["target"], line=dict(dash="dash", color=BORGERCENTRE[row["borgercenter"]].colour))
        fig.add_trace(  # named in the legend: labels on lines close together would lie on each other
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                line=dict(dash="dash", color=BORGERCENTRE[row["borgercenter"]].colour, width=2),
                name=_target_label(row),
                hoverinfo="skip",
            )
        )
    fig.update_yaxes(range=[0, 105], ticksuffix=" pct.")
    ticks = month_ticks(pd.to_datetime(pd.Series(every)))
    fig.update_xaxes(tickvals=ticks, ticktext=[month_label(t) for t in ticks], tickangle=0)
    bottom = max(110, 50 + 31 * _legend_rows(fig))  # the legend's rows above the source line
    fig.update_layout(height=370 + bottom, margin=dict(b=bottom))
    alt = " ".join(
        f"{BORGERCENTRE[c].label}: "
        + danish.listing([f"{v} ({p})" for v, p in zip(r["value_text"], r["period"])])
        + "."
        for c, r in computed.groupby("borgercenter", sort=False)
    )
    return charts.style(
        fig,
        title="Andel af sager afgjort inden for fristen, beregnet af sagsudtrækket",
        subtitle=f"Pct. pr. {PERIOD_NAME[result.cases.period]} og borgercenter; åbne sager over fristen "
        "tæller som for sent",
        source=f"egne data, {result.cases.source}. Åben markør: beregnet.",
        alt=f"Linjediagram over den beregnede andel af sager afgjort inden for fristen. {alt}",
    )


MAX_TICKS = 6  # at about 100 px each, "jan. 2021" fits without turning


def month_ticks(starts: pd.Series) -> list[pd.Timestamp]:
    """Ticks at the periods' first days, every n-th so that there are at most MAX_TICKS."""
    starts = sorted(set(starts))
    step = -(-len(starts) // MAX_TICKS) if starts else 1
    return starts[::step]


def month_label(day: pd.Timestamp) -> str:
    """An axis label in Danish (CLDR month names via Babel): "jan. 2021"."""
    return f"{MONTHS_SHORT[day.month - 1]} {day.year}"


def _computed_trace(rows: pd.DataFrame, key: str, every: pd.Index) -> go.Scatter:
    """One borgercenter's computed shares; missing periods (reindexed to every period) are gaps."""
    centre = BORGERCENTRE[key]
    return go.Scatter(
        x=rows["midpoint"].fillna(pd.Series(pd.to_datetime(every), index=every)),
        y=rows["low"],
        name=f"{centre.label} (beregnet)",
        mode="lines+markers",
        line=dict(color=centre.colour, width=2),
        marker=dict(size=10, symbol=charts.KIND_SYMBOL["derived"], color=centre.colour, line=dict(width=2)),
        customdata=[
            [p, v, danish.number(m)]
            for p, v, m in zip(
                rows["period"].fillna(""), rows["value_text"].fillna(""), rows["measured"].fillna(0)
            )
        ],
        hovertemplate=f"{centre.label}, %{{customdata[0]}}: %{{customdata[1]}} af %{{customdata[2]}} "
        "målte sager<extra></extra>",
    )


# --- The values behind the figures ---------------------------------------------------------------


def values(result: Result) -> pd.DataFrame:
    """Every figure's values in long form with their provenance (`figure` names the figure):
    the tables and the CSV downloads."""
    shown = result.shown
    parts = [
        shown.assign(series=[BORGERCENTRE[c].label for c in shown["borgercenter"]], unit="pct."),
        result.targets.assign(
            series=[f"Mål, {BORGERCENTRE[c].label}" for c in result.targets["borgercenter"]],
            period="",
            low=result.targets["target"],
            high=result.targets["target"],
            unit="pct. (mindst)",
            value_text=[share_text(t, t) for t in result.targets["target"]],
        ),
        _funding_values(result.funding),
    ]
    frister = pd.concat(parts, ignore_index=True).assign(figure="frister")
    complaints = result.complaints.assign(
        figure="klager",
        series="Formalitetsklager",
        period=result.complaints["year"].astype(str),
        value_text=[danish.auto(c) for c in result.complaints["count"]],
    )
    frames = [frister[["figure", *COLUMNS["frister"]]], complaints[["figure", *COLUMNS["klager"]]]]
    if result.cases is not None:
        computed = result.cases.computed.assign(figure="sagsudtraek", pct=result.cases.computed["low"])
        frames.append(computed[["figure", *COLUMNS["sagsudtraek"], "series", "value_text", "quote"]])
    return pd.concat(frames, ignore_index=True)


def _funding_values(funding: pd.DataFrame) -> pd.DataFrame:
    records = funding.to_dict("records")
    return funding.assign(
        series=[
            f"Midler, {BORGERCENTRE[r['borgercenter']].label} ({STATUS_LABEL[r['status']]}): {r['decision']}"
            for r in records
        ],
        period=[funding_span(r) for r in records],
        low=funding["per_year_1000_kr"],
        high=funding["per_year_1000_kr"],
        unit="1.000 kr. pr. år",
        value_text=[funding_amount(r) for r in records],
    )


CAPTIONS = {
    "frister": "Sagsfrister, mål og midler med kilder",
    "klager": "Formalitetsklager med kilder",
    "sagsudtraek": "Overholdelse beregnet af sagsudtrækket",
}
DOWNLOADS = {
    "frister": ("sagsfrister.csv", "Hent figurens tal som CSV"),
    "klager": ("formalitetsklager.csv", "Hent klagetallene som CSV"),
    "sagsudtraek": ("sagsfrister_beregnet.csv", "Hent de beregnede tal som CSV"),
}
# The columns that name a row of each download in the numbers ledger.
KEYS = {
    "frister": ("series", "period"),
    "klager": ("series", "period"),
    "sagsudtraek": ("borgercenter", "period"),
}


def table(result: Result, figure: str = "frister") -> HTML:
    """A figure's values with their source and verbatim quote (or formula)."""
    rows = tables.of_figure(values(result), figure)
    if figure == "sagsudtraek":  # the counts behind each share stand in its formula; the CSV has all
        headers = {"series": "Borgercenter", "period": "Periode", "value_text": "Inden for fristen"}
        headers["open_within"] = "Åbne inden for fristen (ikke med)"
        return tables.with_sources(
            rows,
            caption=CAPTIONS[figure],
            columns=headers,
            formats={headers["open_within"]: danish.number},
            numeric=(headers["value_text"], headers["open_within"]),
            key=("Borgercenter", "Periode"),
        )
    return tables.with_sources(
        rows.dropna(subset=["kind"]),  # a year without a count has no row to show
        caption=CAPTIONS[figure],
        columns={"series": "Serie", "period": "Periode", "value_text": "Værdi"},
        numeric=("Værdi",),
        key=("Serie", "Periode"),
    )


def download(result: Result, figure: str = "frister") -> HTML:
    filename, label = DOWNLOADS[figure]
    rows = tables.of_figure(values(result), figure, COLUMNS[figure])
    return tables.csv_download(rows, filename, label, key=KEYS[figure])
