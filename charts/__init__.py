"""Plotly charts in Fingertips' style: one module and one function per chart, colours from charts.theme.

compare_bar, trend_line, choropleth, distribution_box, inequality_bar and spine each take data first,
then column names, then keyword-only chart data/options (England and region values, breaks, fitted
lines...), then one `presentation=charts.presentation.Presentation(...)` (title, labels, number format,
size, and `highlight`, always an area code). They return a go.Figure whose `layout.meta["chart"]` names
the chart; charts.common holds the traces they share. charts.alt_text describes any of them in plain
English.
"""
