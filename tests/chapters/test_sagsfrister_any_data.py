"""The chapter 'Sagsfrister' with data it was not written for: every sentence is worked out from the
rows present (fictitious folders A and B, the shipped data with other parameters, hand-made
variations), and the charts stay legible with many more measurements."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import fictitious
import pandas as pd
import pytest
from helpers import FrameFolder

from analysis.chapters import sagsfrister
from analysis.data import DataFolder
from analysis.present.danish import write
from analysis.vocabulary import MONTHS_SHORT

SO49_WORDS = (
    "ifølge kilden",
    "Kilden",
    "alle sagsområder",
    "fra januar til maj",
    "handleplan",
    "ikke med nye midler",
    "kan altså ikke tilskrives finansiering",
    "SO49",
    "Budget 2019",
)
SENTENCES = ("intro", "spans", "funding_text", "headline", "complaints_change", "complaints_values")
BROKEN = ("kan ikke beregnes (", "ikke oplyst)", "..", " ,", "{", "}")


def texts(result) -> list[str]:
    """Every sentence the chapter writes: its glued facts and the paragraphs per borgercenter."""
    facts = [write(f) for f in sagsfrister.facts(result).values()]
    paragraphs = [write(p) for ps in sagsfrister.centre_paragraphs(result).values() for p in ps]
    return facts + paragraphs


def paragraphs(result, centre) -> str:
    return " ".join(write(p) for p in sagsfrister.centre_paragraphs(result)[centre])


def pct(value) -> str:
    """A share as the data gives it, written by hand the Danish way: 78.5 -> "78,5 pct."."""
    text = f"{float(value):g}".replace(".", ",")
    return f"{text} pct."


def number(value) -> str:
    """A number as the data gives it, the Danish way: 78.5 -> "78,5"; 1564 -> "1.564"."""
    whole, _, decimals = f"{float(value):g}".partition(".")
    return f"{int(whole):,}".replace(",", ".") + (f",{decimals}" if decimals else "")


def share(row) -> str:
    if row["low"] == row["high"]:
        return pct(row["low"])
    return f"{number(row['low'])}–{number(row['high'])} pct."


@pytest.fixture(scope="module")
def folder_a(tmp_path_factory):
    spec = dataclasses.replace(fictitious.FOLDER_A, applications_format="csv", date_style="iso", cases=2000)
    return fictitious.write(tmp_path_factory.mktemp("a") / "A", spec)


@pytest.fixture(scope="module")
def folder_b(tmp_path_factory):
    spec = dataclasses.replace(fictitious.FOLDER_B, date_style="iso", complaints_format="csv")
    return fictitious.write(tmp_path_factory.mktemp("b") / "B", spec)


def computed(folder, base_year=2018, year=2019, **options):
    return sagsfrister.compute(DataFolder(folder), None, None, base_year, year, **options)


def measurements(folder) -> pd.DataFrame:
    frame = DataFolder(folder).load("compliance")
    return frame.assign(end=pd.to_datetime(frame["period_end"])).sort_values(["borgercenter", "end"])


# --- The shipped data: wording as close as before where it is true ---------------------------------


def test_shipped_headline_says_what_the_funding_rows_say(shipped):
    result = sagsfrister.compute(shipped, None, None, 2018, 2019)
    assert write(sagsfrister.facts(result)["headline"]) == (
        "Borgercenter Handicap, som fik midler i Budget 2019 for 2019–2021, afgjorde 81 pct. af sagerne "
        "inden for fristen i 2. kvartal 2020: 1 procentpoint over målet (80 pct.). Borgercenter Voksne gik "
        "fra 63 pct. i 1. halvår 2019 til 71 pct. ultimo 2019; data nævner ingen ekstra midler til centret "
        "i den periode."
    )
    assert (result.shown_from, result.shown_to) == ("2018-07-01", "2023-12-31")  # the axis as before


def test_shipped_paragraphs_quote_the_source_and_claim_no_more(shipped):
    result = sagsfrister.compute(shipped, None, None, 2018, 2019)
    voksne = paragraphs(result, "voksne")
    assert voksne.startswith(
        "I 1. halvår 2019 afgjorde Borgercenter Voksne 63 pct. af sagerne inden for fristen og ultimo 2019 "
        "71 pct., ifølge SO49 Servicekultur (2020). Fra 1. halvår 2019 til ultimo 2019 steg andelen med 8 "
        "procentpoint."
    )
    # "ved hjælp af en handleplan" only as the source's own words, never "ikke med nye midler".
    assert (
        "SO49 Servicekultur (2020) skriver: »I første halvår af 2019 havde Borgercenter Voksne en samlet "
        "sagsfristoverholdelse på 63 procent, som ved hjælp af en handleplan blev løftet til 71 procent ved "
        "udgangen af 2019.«" in voksne
    )
    assert "Stigningen kan altså ikke tilskrives ekstra midler, som data nævner." in voksne
    assert "9 procentpoint under Borgercenter Handicaps mål (80 pct.)" in voksne  # 71 - 80
    handicap = paragraphs(result, "handicap")
    assert (
        "Borgercenter Handicap fik i Budget 2019 midler til flere sagsbehandlere for perioden 2019–2021; "
        "beløbet er ikke oplyst." in handicap
    )
    assert (
        "Borgercentret havde midler fra Budget 2019 i hele perioden fra ultimo 2019 til 2. kvartal 2020"
        in handicap
    )
    assert "tilskrives" not in handicap  # funding in the measured period: no claim about the cause
    assert (
        "Data har ingen måling for Borgercenter Handicap fra før midlerne fra Budget 2019 begyndte i 2019"
        in handicap
    )
    assert "»Sagsfristoverholdelsen på alle sagsområder ligger i 2. kvartal af 2020 på 81 pct." in handicap
    assert not any("ikke med nye midler" in t or "ifølge kilden" in t.lower() for t in texts(result))


def test_shipped_funding_and_what_is_not_measured(shipped):
    facts = sagsfrister.facts(sagsfrister.compute(shipped, None, None, 2018, 2019))
    text = write(facts["funding_text"])
    # handicap-so49: 15.000 (1.000 kr.) = 15 mio. kr.; voksne-so49: 5.000 = 5 mio. kr.
    assert text.startswith(
        "SO49 Servicekultur (forslag til Budget 2021) foreslår midler til flere sagsbehandlere: 15 "
        "mio. kr. om "
        "året til Borgercenter Handicap (varigt fra 2022) og 5 mio. kr. om året til Borgercenter Voksne "
        "(varigt fra 2021)."
    )
    assert "Det er et forslag, ikke en bevilling" in text
    # The last measurement (2. kvartal 2020) is before the earliest proposed funding (2021).
    assert text.endswith(
        "Data har ingen målinger efter 2. kvartal 2020, så figuren kan ikke vise, hvordan det gik, efter at "
        "forslaget eventuelt blev vedtaget."
    )
    assert write(facts["spans"]) == (
        "Målingerne er foretaget på forskellige tidspunkter og over perioder af forskellig længde "
        "(et halvår, "
        "en enkelt dag, et kvartal)."
    )


def test_shipped_readings_only_where_the_source_is_shown(shipped):
    result = sagsfrister.compute(shipped, None, None, 2018, 2019)
    assert set(sagsfrister.applying_readings(result, "frister")["assumption_id"]) == {
        "ultimo-aaret",
        "maal-eller-maaling",
        "alle-sagsomraader",
        "handleplan-ikke-midler",
    }
    assert list(sagsfrister.applying_readings(result, "klager")["assumption_id"]) == ["fald-7-procent"]
    other = sagsfrister.compute(shipped, None, None, 2015, 2016)  # SO49's 2019 figure not shown
    assert sagsfrister.applying_readings(other, "klager").empty
    assert sagsfrister.readings(other, "klager").data == ""


# --- Complaints: a source's sentence only for the comparison it states ------------------------------


def test_complaints_quote_the_source_only_for_its_own_comparison(shipped):
    stated = write(
        sagsfrister.facts(sagsfrister.compute(shipped, None, None, 2018, 2019))["complaints_change"]
    )
    assert stated == (
        "SO49 Servicekultur (2020) oplyser, at antallet af formalitetsklager faldt med 7 pct. fra "
        "2018 til 2019 "
        "(»Samtidig er antallet af formalitetsklager faldet med 7 % fra 2018 til 2019.«), men ikke selve "
        "antallet i 2019."
    )
    # 2015 -> 2019: (539,4 − 448) / 448 = 20,4 pct.; SO49 states no change from 2015.
    other = write(
        sagsfrister.facts(sagsfrister.compute(shipped, None, None, 2015, 2019))["complaints_change"]
    )
    assert other.startswith(
        "Fra 2015 til 2019 steg antallet af formalitetsklager med 20 pct., beregnet af tal fra "
    )
    assert "oplyser" not in other and "»" not in other
    # 2016 -> 2018: (580 − 486) / 486 = 19,3 pct., both stated in other documents.
    both = write(sagsfrister.facts(sagsfrister.compute(shipped, None, None, 2016, 2018))["complaints_change"])
    assert both.startswith(
        "Fra 2016 til 2018 steg antallet af formalitetsklager med 19 pct., beregnet af tal fra"
    )
    missing = write(
        sagsfrister.facts(sagsfrister.compute(shipped, None, None, 2016, 2017))["complaints_change"]
    )
    assert (
        missing == "Data har intet tal for formalitetsklager i 2017, så ændringen fra 2016 til 2017 kan "
        "ikke beregnes."
    )


def test_complaints_from_a_users_years(folder_a):
    counts = DataFolder(folder_a).load("complaints")
    counts = counts[counts["complaint_type"] == "formality"].set_index("year")["count"]
    base, value = float(counts[2022]), float(counts[2023])
    change = (value - base) / base * 100
    verb = "steg" if change > 0 else "faldt"
    facts = sagsfrister.facts(computed(folder_a, 2022, 2023))
    assert write(facts["complaints_change"]) == (
        f"Fra 2022 til 2023 {verb} antallet af formalitetsklager med {abs(change):.0f} pct. (beregnet af "
        "brugerleverede tal), beregnet af brugerleverede tal fra FIKTIVE data A."
    )
    assert write(facts["complaints_values"]) == (
        f"Tallet for 2022, {number(base)} (brugerleveret) formalitetsklager, kommer fra FIKTIVE data A. "
        f"Tallet for 2023, {number(value)} (brugerleveret) formalitetsklager, kommer fra FIKTIVE data A."
    )
    missing = write(sagsfrister.facts(computed(folder_a))["complaints_change"])  # 2018 is not in A
    assert (
        missing == "Data har intet tal for formalitetsklager i 2018, så ændringen fra 2018 til 2019 kan "
        "ikke beregnes."
    )


# --- Folder A: half-years 2020-2023, funding for Voksne 2022-2023 ----------------------------------


def test_folder_a_funding_in_the_chart_is_never_denied_in_the_prose(folder_a):
    result = computed(folder_a)
    rows = measurements(folder_a)
    voksne = paragraphs(result, "voksne")
    assert (
        "Borgercenter Voksne fik i FIKTIVT budget 2022 midler til flere sagsbehandlere for perioden 2022–2023"
        in voksne
    )
    assert "(4 mio. kr. (brugerleveret) om året)" not in voksne  # the amount is stated in the fictitious note
    assert "(4 mio. kr. om året)" in voksne  # 4.000 (1.000 kr.)
    assert (
        "Borgercentret havde midler fra FIKTIVT budget 2022 i en del af perioden fra 1. halvår 2020 "
        "til 2. halvår 2023" in voksne
    )
    assert "tilskrives" not in voksne and "ingen ekstra midler" not in voksne
    handicap = paragraphs(result, "handicap")
    assert (
        "Data nævner ingen ekstra midler til flere sagsbehandlere i Borgercenter Handicap mellem 1. "
        "halvår 2020 og 2. halvår 2023" in handicap
    )
    first, last = (
        rows[rows["borgercenter"] == "handicap"].iloc[0],
        rows[rows["borgercenter"] == "handicap"].iloc[-1],
    )
    assert f"I 1. halvår 2020 afgjorde Borgercenter Handicap {share(first)} (brugerleveret)" in handicap
    assert (
        f"i 2. halvår 2023 {share(last)} (brugerleveret) (og 6 målinger imellem), efter "
        f"brugerleverede data (FIKTIVE data A)." in handicap
    )
    for text in texts(result):
        assert not any(word in text for word in SO49_WORDS), text
        assert not any(fragment in text for fragment in BROKEN), text
    headline = write(sagsfrister.facts(result)["headline"])
    assert headline.startswith("Borgercenter Handicap ")
    assert "Borgercenter Voksne, som fik midler i FIKTIVT budget 2022 for 2022–2023, " in headline
    assert "(brugerleveret)" in headline


def test_folder_a_targets_and_precision(folder_a):
    result = computed(folder_a)
    rows = measurements(folder_a)
    last = rows[rows["borgercenter"] == "handicap"].iloc[-1]
    target = 85.0  # FOLDER_A's target for handicap
    text = paragraphs(result, "handicap")
    if last["low"] == last["high"] and last["low"] != target:
        gap = abs(last["low"] - target)
        side = "over" if last["low"] > target else "under"
        expected = f"{gap:g}".replace(".", ",") + " procentpoint (beregnet af brugerleverede tal) " + side
        assert f"I 2. halvår 2023 lå andelen {expected} målet (85 pct.)." in text
    # Values with a decimal keep it (78,5 stays 78,5), in the prose and in the table's values.
    halves = rows[(rows["low"] % 1 != 0) & (rows["low"] == rows["high"])]
    assert len(halves), "FOLDER_A has values with one decimal"
    values = sagsfrister.values(result)
    shown = set(values.loc[values["figure"] == "frister", "value_text"])
    assert {pct(v) for v in halves["low"]} <= shown
    assert not any(re.fullmatch(r"\d+-\d+ pct\.", v) for v in shown)  # ranges with an en dash


def test_folder_a_chart_and_table_mark_the_users_values(folder_a):
    result = computed(folder_a)
    fig = sagsfrister.figure(result)
    names = [t.name or "" for t in fig.data]
    assert "Markør: brugerleveret" in names and not any("oplyst" in n for n in names)
    labels = [str(x) for t in fig.data if t.text is not None and not isinstance(t.text, str) for x in t.text]
    assert not any("(oplyst)" in x for x in labels)
    assert (
        "FIKTIVE data A" in fig.layout.annotations[-1].text
        and "Skraverede" not in fig.layout.annotations[-1].text
    )
    table = sagsfrister.table(result, "frister").data
    assert "brugerleveret" in table
    # The axis follows the data: half a year before 2020 to the year after 2023.
    assert (result.shown_from, result.shown_to) == ("2019-07-01", "2024-12-31")


def test_folder_a_case_axis_reads_danish(folder_a):
    result = computed(folder_a, measurement_date="2023-12-31", period="quarter")
    fig = sagsfrister.cases_figure(result)
    ticks = list(fig.layout.xaxis.ticktext)
    assert ticks[0] == "jan. 2021"  # the extract starts in January 2021 (fictitious.write_cases)
    assert len(ticks) <= 6
    month = re.compile(rf"({'|'.join(map(re.escape, MONTHS_SHORT))}) \d{{4}}")
    assert all(month.fullmatch(t) for t in ticks), ticks


# --- Folder B: quarters for Børn og Unge and Handicap, a proposal from 2025 -------------------------


def test_folder_b_other_centres_targets_and_proposal(folder_b):
    result = computed(folder_b)
    facts = {k: write(v) for k, v in sagsfrister.facts(result).items()}
    assert facts["spans"] == "Hver måling dækker et kvartal."
    assert facts["intro"].startswith(
        "Kapitlet viser, hvor stor en andel af sagerne Borgercenter Handicap og Borgercenter Børn og Unge "
        "afgjorde inden for fristen, og hvornår de to borgercentre fik, eller foreslås at få, ekstra midler"
    )
    assert facts["intro"].endswith("Tallene kommer fra FIKTIVE data B (brugerleveret) og Fiktivt notat B.")
    handicap = paragraphs(result, "handicap")
    assert (
        "Borgercenter Børn og Unges mål (90 pct.); data har intet mål for Borgercenter Handicap" in handicap
    )
    assert (
        "Borgercenter Handicap fik i FIKTIVT budget 2021 midler til flere sagsbehandlere for "
        "perioden 2021–2022" in handicap
    )
    # The proposal starts in 2025; the last measurement is 4. kvartal 2024.
    assert facts["funding_text"].startswith(
        "FIKTIVT budget 2025 foreslår midler til flere sagsbehandlere: 4 mio. kr. om året til Borgercenter "
        "Børn og Unge (varigt fra 2025)."
    )
    assert facts["funding_text"].endswith(
        "Data har ingen målinger efter 4. kvartal 2024 (den seneste måling, brugerleveret), så figuren "
        "kan ikke vise, hvordan det gik, efter at forslaget eventuelt blev vedtaget."
    )
    for text in texts(result):
        assert not any(word in text for word in SO49_WORDS), text
        assert not any(fragment in text for fragment in BROKEN), text
    assert (result.shown_from, result.shown_to) == ("2020-07-01", "2026-12-31")  # funding proposed for 2025


def test_measurements_after_a_proposal_are_not_denied(shipped):
    later = pd.DataFrame(
        [
            {
                "borgercenter": "handicap",
                "period_start": "2022-01-01",
                "period_end": "2022-06-30",
                "low": 84.0,
            }
            | {"high": 84.0, "kind": "user-supplied", "source_id": "so49", "quote": "x", "formula": None}
        ]
    )
    compliance = pd.concat([shipped.load("compliance"), later], ignore_index=True)
    result = sagsfrister.compute(FrameFolder(compliance=compliance), None, None, 2018, 2019)
    text = write(sagsfrister.facts(result)["funding_text"])
    assert "ingen målinger efter" not in text
    # One measurement (1. halvår 2022) ends in or after 2021, the earliest proposed year.
    assert "1 af målingerne (brugerleveret) er fra 2021 eller senere" in text


# --- Legible with 3 and 10 times as many measurements ---------------------------------------------


def dense(points_per_centre: int) -> pd.DataFrame:
    rows = []
    for centre, base in (("handicap", 80), ("voksne", 65)):
        for i in range(points_per_centre):
            start = dt.date(2019, 1, 1) + pd.DateOffset(months=3 * i)
            end = start + pd.DateOffset(months=3) - pd.Timedelta(days=1)
            value = base + (i % 5) + (0.5 if i % 3 == 0 else 0)
            rows.append(
                {
                    "borgercenter": centre,
                    "period_start": start.date().isoformat(),
                    "period_end": end.date().isoformat(),
                }
                | {"low": value, "high": value + (5 if i % 7 == 3 else 0), "kind": "user-supplied"}
                | {"source_id": "so49", "quote": "x", "formula": None}
            )
    return pd.DataFrame(rows)


@pytest.mark.parametrize("times", [1, 3, 10])
def test_labels_never_overlap_or_leave_the_axis(times):
    """The shipped chart has 4 measurements; with 3 and 10 times as many (quarterly, two centres),
    the labels kept do not overlap (estimated at 6,6 px a character on a 700 px wide plot) and the
    ranges are one legend entry per centre."""
    per_centre = 2 * times
    result = sagsfrister.compute(FrameFolder(compliance=dense(per_centre)), None, None, 2018, 2019)
    fig = sagsfrister.figure(result)
    start, end = pd.Timestamp(result.shown_from), pd.Timestamp(result.shown_to)
    scale = 700 / (end - start).days
    for trace in fig.data:
        if getattr(trace, "mode", None) == "markers+text":
            boxes = sorted(
                (
                    (pd.Timestamp(x) - start).days * scale - len(t) * 3.3,
                    (pd.Timestamp(x) - start).days * scale + len(t) * 3.3,
                )
                for x, t in zip(trace.x, trace.text)
                if t
            )
            assert all(a[1] <= b[0] for a, b in zip(boxes, boxes[1:])), trace.name
            assert all(lo >= 0 and hi <= (end - start).days * scale for lo, hi in boxes)
    legend = [t.name for t in fig.data if t.showlegend is not False and t.name]
    assert len([n for n in legend if "interval" in n]) <= 2
    assert len(fig.layout.annotations) < 12  # no annotation per range when they are dense


# In the browser, the labels as drawn are measured for every chapter in tests/book/test_legibility.py
# (3 and 10 times the points), test_fictitious_books.py (folders A and B) and test_browser.py.


def test_a_users_row_beside_stated_ones_is_named_for_itself(shipped):
    extra = pd.DataFrame(
        [
            {"borgercenter": "voksne", "period_start": "2020-01-01", "period_end": "2020-06-30", "low": 78.5}
            | {
                "high": 78.5,
                "kind": "user-supplied",
                "source_id": "so49",
                "quote": "mit tal",
                "formula": None,
            }
        ]
    )
    compliance = pd.concat([shipped.load("compliance"), extra], ignore_index=True)
    result = sagsfrister.compute(FrameFolder(compliance=compliance), None, None, 2018, 2019)
    voksne = paragraphs(result, "voksne")
    assert voksne.startswith(
        "I 1. halvår 2019 afgjorde Borgercenter Voksne 63 pct. af sagerne inden for fristen og i 1. "
        "halvår 2020 "
        "78,5 pct. (brugerleveret) (og 1 måling imellem), ifølge SO49 Servicekultur (2020) og efter "
        "brugerleverede data (SO49 Servicekultur (2020))."
    )
    # 78,5 − 63 = 15,5, computed from a user's number
    assert "steg andelen med 15,5 procentpoint (beregnet af brugerleverede tal)." in voksne


def drawn_spec(seed: int) -> fictitious.Spec:
    """A compliance folder drawn at random: years, period length, centres, targets, funding."""
    import random

    rng = random.Random(seed)
    first = rng.randint(2012, 2022)
    centres = tuple(rng.sample(["handicap", "voksne", "boern-og-unge"], rng.randint(1, 3)))
    funding = []
    for centre in centres:
        for status in ("granted", "proposed"):
            if rng.random() < 0.5:
                start = first + rng.randint(-1, 5)
                funding.append(
                    (centre, status, start, None if rng.random() < 0.4 else start + rng.randint(0, 3))
                )
    return fictitious.Spec(
        name=f"R{seed}",
        seed=seed,
        # measured years lie in the past (the contract refuses a measurement ending after today)
        compliance_years=tuple(range(first, min(first + rng.randint(1, 6), 2025))),
        compliance_months=rng.choice([3, 6, 12]),
        centres=centres,
        targets={c: rng.choice([75, 80, 82.5, 90]) for c in centres if rng.random() < 0.6},
        funding=tuple(funding),
        csv_style=rng.choice(["danish", "plain"]),
    )


@pytest.mark.parametrize("seed", range(8))
def test_sentences_hold_for_drawn_folders(seed, tmp_path):
    spec = drawn_spec(seed)
    folder = fictitious.write(tmp_path / spec.name, spec)
    result = computed(folder)
    rows = measurements(folder)
    for text in texts(result):
        assert not any(word in text for word in SO49_WORDS[:7]), text  # SO49 names only for its own rows
        assert not any(fragment in text for fragment in BROKEN), text
    facts = {k: write(v) for k, v in sagsfrister.facts(result).items()}
    sentences = [facts[k] for k in SENTENCES] + [
        write(p) for ps in sagsfrister.centre_paragraphs(result).values() for p in ps
    ]
    assert all(text[:1].isupper() and text.endswith((".", "«")) for text in sentences), sentences
    granted = {c for c, status, *_ in spec.funding if status == "granted"}
    for centre in set(rows["borgercenter"]):
        text = paragraphs(result, centre)
        label = sagsfrister.BORGERCENTRE[centre].label
        assert text.count(f"{label} fik i FIKTIVT budget") == sum(
            1 for c, status, *_ in spec.funding if c == centre and status == "granted"
        )
        if "tilskrives" in text:  # a claim about funding only where no granted funding overlaps
            assert centre not in granted or "Data nævner ingen ekstra midler" in text
        last = rows[rows["borgercenter"] == centre].iloc[-1]
        assert share(last) in text  # the latest value, as precise as given
    proposed = [f for f in spec.funding if f[1] == "proposed"]
    if proposed:
        start = min(f[2] for f in proposed)
        later = rows[rows["end"] >= pd.Timestamp(start, 1, 1)]
        assert ("ingen målinger efter" in facts["funding_text"]) == later.empty
    else:
        assert "ingen målinger efter" not in facts["funding_text"]
    sagsfrister.figure(result)  # draws without error
