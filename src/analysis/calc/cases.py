"""Deadline compliance computed from a case extract (the optional data set `cases`): the share of
cases decided within the deadline, per borgercenter and period, as of a measurement date.

The rule (the chapter states it in Danish):
- a case received after the measurement date is left out;
- a case decided on or before the measurement date counts in the period of its decision date:
  on time if decided at most `deadline_days` calendar days after it was received (the deadline
  day itself is on time), late otherwise;
- a case not decided by the measurement date (no decision date, or a later one) is open: if the
  deadline passed before the measurement date it counts as late, in the period of the measurement
  date; if it is still within the deadline it is left out (its outcome is not known yet);
- compliance = decided on time / (decided + open past the deadline) × 100.

Everything is computed on whole columns with numpy (no Python loop over cases), so an extract of
millions of cases takes seconds.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from analysis.calc.compliance import COLOUR, LABEL
from analysis.data.schemas.columns import as_dates
from analysis.data.schemas.compliance import cases_schema
from analysis.present import charts, tables
from analysis.present import danish as fmt

PERIOD_MONTHS = {"quarter": 3, "half-year": 6, "year": 12}
PERIOD_NAME = {"quarter": "kvartal", "half-year": "halvår", "year": "år"}
# What happened to a case as of the measurement date, numbered 2 × open + late; all but
# open_within are measured.
STATUSES = ("on_time", "late", "open_within", "open_late")
FORMULA = "rettidigt afgjorte / (afgjorte + åbne over fristen) × 100"


def _days(dates: pd.Series) -> np.ndarray:
    """Dates (YYYY-MM-DD text, as the data folder gives them, or datetimes) as days since 1970;
    a missing date becomes the largest int64, i.e. later than any measurement date."""
    days = as_dates(dates).to_numpy().astype("datetime64[D]")
    return np.where(np.isnat(days), np.iinfo(np.int64).max, days.view(np.int64))


def measurement_day(cases: pd.DataFrame, measured=None) -> pd.Timestamp:
    """The measurement date: as given, or else the latest date in the extract."""
    if measured is not None:
        return pd.Timestamp(measured)
    return pd.Series([as_dates(cases[c]).max() for c in ("received_date", "decision_date")]).max()


def statuses(cases: pd.DataFrame, measured) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per case: whether it counts at all (received by the measurement date), its status (an
    index into STATUSES) and the day (since 1970) of the period it belongs to."""
    day = (pd.Timestamp(measured) - pd.Timestamp(0)).days
    received, decided_on = _days(cases["received_date"]), _days(cases["decision_date"])
    deadline = cases["deadline_days"].to_numpy(dtype=np.int64, na_value=0)
    decided = decided_on <= day
    late = np.where(decided, decided_on, day) - received > deadline  # deadline day itself is on time
    status = (2 * ~decided + late).astype(np.int8)
    return received <= day, status, np.where(decided, decided_on, day)


def period_starts(days: np.ndarray, months: int) -> tuple[np.ndarray, np.ndarray]:
    """Each day's period as a running number, and the first day of each numbered period.

    A day-to-period table over the few thousand days spanned is looked up once per case, which
    is much faster than converting millions of dates to months."""
    first, last = days.min(), days.max()
    span = np.arange(first, last + 1).astype("datetime64[D]").astype("datetime64[M]").view(np.int64) // months
    number = span[days - first] - span[0]
    starts = ((np.arange(span[-1] - span[0] + 1) + span[0]) * months).astype("datetime64[M]")
    return number, starts


def compliance(
    cases: pd.DataFrame, measured=None, period: str = "quarter", source: str = "cases.csv"
) -> pd.DataFrame:
    """Compliance per borgercenter and period, one row per period with measured cases:
    counts per status, the share on time in per cent (low = high, as in compliance.csv), the
    period's dates (the last period ends at the measurement date) and provenance (derived from
    `source`, the extract's file name, with the formula)."""
    if period not in PERIOD_MONTHS:
        raise ValueError(f"period must be one of {', '.join(PERIOD_MONTHS)}, not {period!r}")
    measured = measurement_day(cases, measured)
    counted, status, days = statuses(cases, measured)
    units, names = pd.factorize(cases["borgercenter"])
    if not counted.all():
        units, status, days = units[counted], status[counted], days[counted]
    if len(days) == 0:  # every case was received after the measurement date
        return _described(
            pd.DataFrame(columns=[*STATUSES, "borgercenter", "start", "measured"]).astype(
                {"start": "datetime64[s]"}
            ),
            measured,
            period,
            source,
        )
    number, starts = period_starts(days, PERIOD_MONTHS[period])
    # One pass counts every (unit, period, status): the key enumerates all combinations.
    key = (units.astype(np.int64) * len(starts) + number) * len(STATUSES) + status
    counts = np.bincount(key, minlength=len(names) * len(starts) * len(STATUSES))
    frame = pd.DataFrame(counts.reshape(-1, len(STATUSES)), columns=list(STATUSES))
    frame["borgercenter"] = np.repeat(np.asarray(names, dtype=object), len(starts))
    frame["start"] = pd.to_datetime(np.tile(starts, len(names)))
    frame["measured"] = frame["on_time"] + frame["late"] + frame["open_late"]
    frame = frame[frame["measured"] > 0].reset_index(drop=True)
    return _described(frame, measured, period, source)


def _described(frame: pd.DataFrame, measured: pd.Timestamp, period: str, source: str) -> pd.DataFrame:
    """Dates, names, the share and provenance for the (few) result rows."""
    end = frame["start"] + pd.DateOffset(months=PERIOD_MONTHS[period]) - pd.Timedelta(days=1)
    cut = end > measured
    share = 100 * frame["on_time"] / frame["measured"]
    frame = frame.assign(
        period_start=frame["start"].dt.strftime("%Y-%m-%d"),
        period_end=end.where(~cut, measured).dt.strftime("%Y-%m-%d"),
        period=[
            fmt.period(s, e) + (f" (til {fmt.date(measured.date().isoformat())})" if c else "")
            for s, e, c in zip(frame["start"], end, cut)
        ],
        series=frame["borgercenter"].map(LABEL),
        low=share,
        high=share,
        value_text=share.map(lambda v: fmt.pct(v, 1)),
        kind="derived",
        source_id=source,
        quote=None,
        formula=[
            f"{FORMULA} = {fmt.number(t)} / ({fmt.number(t + la)} + {fmt.number(o)}) × 100"
            for t, la, o in zip(frame["on_time"], frame["late"], frame["open_late"])
        ],
    )
    order = {c: i for i, c in enumerate(LABEL)}
    frame = frame.sort_values(
        ["borgercenter", "start"], key=lambda c: c.map(order) if c.name == "borgercenter" else c
    )
    return frame.drop(columns=["start"]).reset_index(drop=True)


def totals(cases: pd.DataFrame, measured=None) -> dict[str, int]:
    """How many cases of the extract fall under each status, and how many were received later."""
    counted, status, _ = statuses(cases, measurement_day(cases, measured))
    found = dict(zip(STATUSES, np.bincount(status[counted], minlength=len(STATUSES)).tolist()))
    return {"cases": len(cases), "received_later": int((~counted).sum()), **found}


# --- What the chapter shows ------------------------------------------------------------------------

COLUMNS = ", ".join(cases_schema().columns)  # from the schema, so the sentence cannot drift from it


def how_to_supply() -> HTML:
    """The one sentence shown when no extract is supplied."""
    return HTML(
        f"<p>Bogen kan også beregne overholdelsen selv af et sagsudtræk med én række pr. sag: læg "
        f"en fil <code>cases.csv</code> (eller .xlsx) med kolonnerne <code>{COLUMNS}</code> i en "
        f'datamappe (se <a href="dataordbog.html#data-cases">dataordbogen</a>; en skabelon skrives med '
        f"<code>python -m analysis init-data MAPPE --only cases</code>), og byg bogen med "
        f"<code>python -m analysis build --data MAPPE</code>.</p>"
    )


def summary(cases: pd.DataFrame, source: str, measured=None, period: str = "quarter") -> HTML:
    """What the computation used: the file, the measurement date, the period and the counts."""
    day = measurement_day(cases, measured)
    n = totals(cases, measured)
    return HTML(
        f"<p>Beregnet af sagsudtrækket <code>{html.escape(source)}</code> med {fmt.count(n['cases'], 'sag', 'sager')}, "
        f"opgjort pr. {fmt.date(day.date().isoformat())} og pr. {PERIOD_NAME[period]}. Med i opgørelsen: "
        f"{fmt.count(n['on_time'], 'sag', 'sager')} afgjort inden for fristen, {fmt.number(n['late'])} afgjort "
        f"efter fristen og {fmt.count(n['open_late'], 'åben sag', 'åbne sager')} over fristen, som tæller som for "
        f"sent. Ikke med: {fmt.count(n['open_within'], 'åben sag', 'åbne sager')}, der stadig er inden for fristen, "
        f"og {fmt.count(n['received_later'], 'sag', 'sager')} modtaget efter opgørelsesdatoen. Tallene er beregnet "
        f"af egne data, ikke oplyst i en kilde, og vises med åben markør.</p>"
    )


def figure(computed: pd.DataFrame, targets: pd.DataFrame, source: str, period: str = "quarter") -> go.Figure:
    """Computed compliance per borgercenter, drawn at the middle of each period, with each
    borgercenter's target. A period without measured cases leaves a gap in the line."""
    start, end = pd.to_datetime(computed["period_start"]), pd.to_datetime(computed["period_end"])
    shown = computed.assign(midpoint=start + (end - start) / 2)
    every = pd.Index(sorted(set(shown["period_start"])))
    fig = go.Figure()
    for centre, rows in shown.groupby("borgercenter", sort=False):
        rows = rows.set_index("period_start").reindex(every)  # missing periods become gaps
        midpoints = rows["midpoint"].fillna(pd.Series(pd.to_datetime(every), index=every))
        fig.add_trace(
            go.Scatter(
                x=midpoints,
                y=rows["low"],
                name=f"{LABEL[centre]} (beregnet)",
                mode="lines+markers",
                line=dict(color=COLOUR[centre], width=2),
                marker=dict(
                    size=10, symbol=charts.KIND_SYMBOL["derived"], color=COLOUR[centre], line=dict(width=2)
                ),
                customdata=[
                    [p, v, fmt.number(m)]
                    for p, v, m in zip(
                        rows["period"].fillna(""), rows["value_text"].fillna(""), rows["measured"].fillna(0)
                    )
                ],
                hovertemplate=f"{LABEL[centre]}, %{{customdata[0]}}: %{{customdata[1]}} af %{{customdata[2]}} "
                "målte sager<extra></extra>",
            )
        )
    for _, row in targets[targets["borgercenter"].isin(set(computed["borgercenter"]))].iterrows():
        fig.add_hline(
            y=row["target"],
            line=dict(color=charts.REFERENCE_GREY, width=2, dash="dash"),
            annotation=dict(
                text=html.escape(f"Mål for {LABEL[row['borgercenter']]}: mindst {fmt.pct(row['target'])}"),
                xanchor="right",
                font=dict(size=12, color=charts.REFERENCE_GREY),
            ),
            annotation_position="top right",
        )
    fig.update_yaxes(range=[0, 105], ticksuffix=" pct.")
    fig.update_layout(height=480)
    alt = " ".join(
        f"{LABEL[c]}: " + fmt.listing([f"{v} ({p})" for v, p in zip(r["value_text"], r["period"])]) + "."
        for c, r in computed.groupby("borgercenter", sort=False)
    )
    return charts.style(
        fig,
        title="Andel af sager afgjort inden for fristen, beregnet af sagsudtrækket",
        subtitle=f"Pct. pr. {PERIOD_NAME[period]} og borgercenter; åbne sager over fristen tæller som for sent",
        source=f"egne data, {source}. Åben markør: beregnet.",
        alt=f"Linjediagram over den beregnede andel af sager afgjort inden for fristen. {alt}",
    )


# The counts behind each share stand in its formula; the CSV download has every count.
TABLE_COLUMNS = {
    "series": "Borgercenter",
    "period": "Periode",
    "value_text": "Inden for fristen",
    "open_within": "Åbne inden for fristen (ikke med)",
}


def values_table(computed: pd.DataFrame) -> HTML:
    """The computed values with their formula, like the chapter's other value tables."""
    return tables.with_sources(
        computed,
        caption="Overholdelse beregnet af sagsudtrækket",
        columns=TABLE_COLUMNS,
        formats={TABLE_COLUMNS["open_within"]: fmt.number},
        numeric=(TABLE_COLUMNS["value_text"], TABLE_COLUMNS["open_within"]),
    )


def download_data(computed: pd.DataFrame) -> pd.DataFrame:
    return computed[
        [
            "borgercenter",
            "period",
            "period_start",
            "period_end",
            *STATUSES,
            "measured",
            "low",
            "kind",
            "source_id",
            "formula",
        ]
    ].rename(columns={"low": "pct"})
