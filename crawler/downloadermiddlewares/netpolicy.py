"""The network policy on every request: http(s) to public addresses only, redirects included.

Refused before robots.txt is even asked for (this middleware runs first), and counted against the
source by its errback. Names are resolved here through the crawl's resolver, which refuses private
answers (crawler/resolver.py) and caches them, so the connection that follows uses the address judged.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.error import DNSLookupError

from crawler.netpolicy import NetworkPolicy, literal_address, policy_of
from crawler.resolver import PolicyResolver, RefusedAddressError


class RefusedByPolicy(IgnoreRequest):
    """A request the network policy refused; the message says which URL and why."""


class NetworkPolicyMiddleware:
    def __init__(self, policy: NetworkPolicy) -> None:
        self.policy = policy

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NetworkPolicyMiddleware:
        return cls(policy_of(crawler.settings))

    async def process_request(self, request: Request) -> None:
        reason = self.policy.url_refusal(request.url)
        if reason is None and "proxy" not in request.meta:
            reason = await self._resolved_refusal(request.url)
        if reason is not None:
            raise RefusedByPolicy(
                f"refused by the network policy: {request.url}: {reason} ([crawl] allow_private lists"
                " the private addresses and hosts a crawl may fetch)"
            )

    async def _resolved_refusal(self, url: str) -> str | None:
        """Why the address a URL's host name resolves to is refused; a lookup that fails is left to
        the download, which reports it as the network error it is."""
        host = urlsplit(url).hostname or ""
        if literal_address(host) is not None or self.policy.host_allowed(host):
            return None
        from twisted.internet import reactor  # the crawl's reactor, with the policy's resolver on it

        resolver: PolicyResolver = reactor.resolver  # installed by the crawl (TWISTED_DNS_RESOLVER)
        try:
            await maybe_deferred_to_future(resolver.getHostByName(host))
        except RefusedAddressError as refused:
            return refused.reason
        except DNSLookupError:
            return None
        return None
