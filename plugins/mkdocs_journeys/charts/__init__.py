"""Altair (Vega-Lite) specs of the charts."""
