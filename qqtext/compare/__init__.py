"""Comparing documents: alignment of two texts, text reuse across a corpus, profiles, scale."""
