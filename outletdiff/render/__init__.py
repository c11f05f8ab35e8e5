"""Renderers: each turns a ``Comparison`` into one output format and computes nothing new."""
