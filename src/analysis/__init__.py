"""The budget-note book: one package in layers. A module imports only from the layers below it;
`make lint` checks this with import-linter (the contracts are in pyproject.toml).

    build/        the command line, parameters, cache, notebook runs, the Sphinx extension and theme
                  templates. Nothing imports it.
    export/       the downloads: tables as Excel workbooks, cost tables as Word documents, figures
                  as PNG and SVG, the book as PDF (through chromium). It knows no topic.
    chapters/     one module per notebook, named like it (klager.py for notebooks/klager.ipynb), each
                  with the same contract: DATASETS, compute(data, **parameters) -> a frozen Result,
                  facts(result), figures and tables, values(result). Chapters never import each other.
    claims/       the claims register: every number the sources compute, recomputed and judged.
    present/      how the book writes and draws: Danish numbers, the one chart template, tables and
                  CSV downloads, page snippets. It knows no topic, and it and calc/ are independent.
    calc/         pure computation per topic: frames in, frames or frozen results out; no plotly,
                  IPython, HTML or reader-facing Danish.
    data/         loading and validating the data files: schemas, Danish numbers, errors, the data
                  dictionary, init-data templates.
    facts, notebooks      facts that carry their provenance; the notebooks as files (order, titles,
                          parameters, the facts their prose uses).
    vocabulary, paths     the book's words, defined once; where things live in the repository.
"""
