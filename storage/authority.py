"""Source authority: whose copy of a story heads it.

A story is read as its most authoritative copy: the official site's release before the wire service's
dispatch, the wire before the portals that reprint it, portals before blogs. Each configured source
says which tier it is; the earliest publication breaks ties within a tier.
"""

from __future__ import annotations

from typing import Literal, get_args

Authority = Literal["official", "wire", "portal", "blog"]
# Most authoritative first.
AUTHORITY_TIERS: tuple[Authority, ...] = get_args(Authority)
DEFAULT_AUTHORITY: Authority = "portal"


def authority_rank(tier: str) -> int:
    """0 for the most authoritative tier; an unknown tier (a database written by a newer version)
    ranks after every known one rather than failing."""
    try:
        return AUTHORITY_TIERS.index(tier)
    except ValueError:
        return len(AUTHORITY_TIERS)
