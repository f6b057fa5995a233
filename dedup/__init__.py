"""What makes two copies one: text folded the same across scripts, widths and word forms, canonical URLs,
exact content hashes and near-duplicate (MinHash) fingerprints.

Pure functions of text and URLs: no database, no crawl engine. ``storage`` indexes their keys and decides
stories with them; ``crawler`` computes them for each article.
"""
