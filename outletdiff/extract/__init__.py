"""Extraction stages: quotes, speakers, sourcing chains, framing words and facts."""
