"""Plotly charts in Fingertips' style: one module and one function per chart, colours from charts.theme.

compare_bar, trend_line, choropleth, distribution_box, inequality_bar and spine each take data first,
then column names, then presentation keywords, and return a go.Figure whose `layout.meta["chart"]`
names the chart. charts.alt_text describes any of them in plain English.
"""
