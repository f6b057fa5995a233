"""Dedup fingerprints: canonical URLs and exact content hashes."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from dedup.textnorm import normalise_for_hash

# Query parameters that say how a reader arrived, never which page it is.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "spm",
        "from",
        "share_token",
        "ref",
        "ref_src",
        "_ga",
        "cmpid",
        "wt.mc_id",
    }
)
TRACKING_PREFIXES = ("utm_", "hmsr", "hmpl", "hmcu", "hmkw", "hmci")


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(TRACKING_PREFIXES)


# A crawl asks for one URL's canonical form five times on its way (the request's fingerprint, the
# incremental skip and what it learns, the listing, the stored article); a cache of recent URLs
# answers four of them. It holds strings only, and a few thousand of them.
@lru_cache(maxsize=4096)
def canonical_url(url: str) -> str:
    """The URL that identifies a page: tracking parameters and fragment dropped, query sorted,
    scheme and host lower-cased, percent-encoding normalised (w3lib)."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    without_tracking = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query), ""))
    return str(canonicalize_url(without_tracking, keep_fragments=False))


def content_hash(text: str) -> str:
    """SHA-256 of the script-folded text without punctuation or white space (exact-duplicate key)."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()
