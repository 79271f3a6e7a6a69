"""The book's downloads for the committee and the analysts: every table as an Excel workbook, the
budget notes' cost tables as Word documents, every figure as PNG and SVG, and the whole book as
one PDF. It reads what the chapters handed to the build (tables, figures) and the built HTML; it
writes files and knows no topic."""
