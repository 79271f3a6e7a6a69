"""The data contract: one pandera schema per data file, grouped by topic.

`DATASETS` lists every data file a chapter may load. Each entry names the file stem (a user's
folder may hold it as .csv or .xlsx), a Danish title for the data dictionary and the schema.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandera.pandas as pa

from . import action_plan, assumptions, claims, complaints, compliance, costs, demand, scorecard, staffing
from .columns import KINDS, UNITS
from .sources import sources_schema


@dataclass(frozen=True)
class Dataset:
    """One data file of the contract.

    An optional data set is not shipped: a user may supply it, and its absence is no error.
    `references` lists columns whose values must exist in another data set:
    {column: (data set, its column)}."""

    name: str
    title: str
    schema: Callable[[Iterable[str]], pa.DataFrameSchema]
    optional: bool = False
    references: dict[str, tuple[str, str]] = field(default_factory=dict)


SOURCES = Dataset("registry", "Kilderegister", lambda _ids: sources_schema())
DATASETS = {
    d.name: d
    for d in [
        Dataset("complaints", "Klager pr. år", complaints.complaints_schema),
        Dataset(
            "complaint_benchmarks", "Gennemsnit og mål for klager", complaints.complaint_benchmarks_schema
        ),
        Dataset(
            "complaint_proposals",
            "Tal i forslagene om klager (temadrøftelse)",
            complaints.complaint_proposals_schema,
        ),
        Dataset("compliance", "Overholdelse af sagsbehandlingsfrister", compliance.compliance_schema),
        Dataset(
            "compliance_targets",
            "Mål for overholdelse af sagsbehandlingsfrister",
            compliance.compliance_targets_schema,
        ),
        Dataset(
            "funding_periods",
            "Midler til flere sagsbehandlere (bevilget og foreslået)",
            compliance.funding_periods_schema,
        ),
        Dataset(
            "cases",
            "Sagsudtræk: én række pr. sag (leveres af brugeren)",
            lambda _ids: compliance.cases_schema(),
            optional=True,
        ),
        Dataset("applications", "Modtagne ansøgninger pr. periode", demand.applications_schema),
        Dataset("budget_lines", "Budgetnotaternes udgiftstabeller", costs.budget_lines_schema),
        Dataset("capital_schedule", "Tidsplan for anlægsprojekter", costs.capital_schedule_schema),
        Dataset(
            "note_figures", "Budgetnotaternes skøn og omfang uden for tabellerne", costs.note_figures_schema
        ),
        Dataset(
            "price_index", "Pris- og lønindeks (leveres af brugeren)", costs.price_index_schema, optional=True
        ),
        Dataset("staffing", "Beløb og årsværk/sagsbehandlere", staffing.staffing_schema),
        Dataset("training", "Opkvalificering og borgermødespecialister", staffing.training_schema),
        Dataset("action_plan", "Handlingsplanens initiativer (2007)", action_plan.action_plan_schema),
        Dataset(
            "action_plan_commitments",
            "Handlingsplanens målbare tilsagn (2007)",
            action_plan.action_plan_commitments_schema,
            references={"initiative": ("action_plan", "number")},
        ),
        Dataset(
            "service_targets",
            "Servicemål, Kommuneqarfik Sermersooq (Grønland)",
            scorecard.service_targets_schema,
        ),
        Dataset(
            "service_results",
            "Resultater pr. kvartal, Kommuneqarfik Sermersooq (Grønland)",
            scorecard.service_results_schema,
        ),
        Dataset(
            "service_commitments",
            "Tilsagn om opfølgning, Kommuneqarfik Sermersooq (Grønland)",
            scorecard.service_commitments_schema,
        ),
        Dataset("claims", "Påstande i kilderne og deres kontrol", claims.claims_schema),
        Dataset("assumptions", "Antagelser og forbehold", assumptions.assumptions_schema),
    ]
}

__all__ = ["DATASETS", "KINDS", "SOURCES", "UNITS", "Dataset"]
