"""Verdicts: what each outlet added, dropped or altered relative to another outlet."""
