"""Sentences from facts: a user's number says so wherever the prose states it, and a sentence
names the sources of its numbers from their provenance."""

import pandas as pd

from analysis.facts import Fact, Provenance, derived, of_row
from analysis.present.prose import according_to, listing, say, sources_named, written

REGISTRY = pd.DataFrame(
    {"source_id": ["so49", "mine"], "short_title": ["SO49 Servicekultur (2020)", "Mine tal <2024>"]}
)
STATED = of_row({"kind": "stated", "source_id": "so49", "quote": "81 pct.", "formula": None})
USER = of_row({"kind": "user-supplied", "source_id": "mine", "quote": "egne tal", "formula": None})


def test_a_users_number_is_marked_and_a_stated_one_is_not():
    assert written(Fact(81, "pct", STATED)) == "81 pct."
    assert written(Fact(440, "number", USER)) == "440 (brugerleveret)"
    assert written(Fact(2024, "year", USER)) == "2024"  # a year is when, not a value of the user's
    assert written(Fact(None, "number", USER)) == "ikke oplyst"


def test_a_number_computed_from_a_users_numbers_says_so():
    change = Fact(12.5, "pct", derived("(450 − 400) ÷ 400 × 100", USER, STATED), decimals=1)
    assert change.provenance.user and change.provenance.kind == "derived"
    assert written(change) == "12,5 pct. (beregnet af brugerleverede tal)"
    assert written(Fact(3, "number", derived("3 × 1", STATED))) == "3"


def test_sentences_and_lists_keep_the_marks_and_the_provenance():
    sentence = say("I alt {a} og {b}.", a=Fact(440, "number", USER), b=Fact(81, "pct", STATED))
    assert written(sentence) == "I alt 440 (brugerleveret) og 81 pct."  # one full stop, not two
    assert sentence.provenance.user and set(sentence.provenance.sources) == {"mine", "so49"}
    assert written(listing([Fact(1, "number", USER), Fact(2, "number", STATED)])) == "1 (brugerleveret) og 2"


def test_according_to_names_the_values_own_sources_and_their_kind():
    assert written(according_to(STATED, REGISTRY)) == "ifølge SO49 Servicekultur (2020)"
    assert written(according_to(USER, REGISTRY)) == "efter brugerleverede data (Mine tal <2024>)"
    both = derived("a + b", STATED, USER)
    assert written(according_to(both, REGISTRY)) == (
        "beregnet af brugerleverede tal fra SO49 Servicekultur (2020) og Mine tal <2024>"
    )
    assert written(according_to(Provenance("parameter"), REGISTRY)) == ""
    assert written(sources_named(STATED | USER, REGISTRY)) == "SO49 Servicekultur (2020) og Mine tal <2024>"
