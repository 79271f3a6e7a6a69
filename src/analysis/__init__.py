"""The budget-note book: data, calculations, chart and table styling, and the build."""
