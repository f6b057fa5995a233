"""Scrapy's caching DNS resolver, refusing names that resolve to addresses the network policy forbids.

This is the check at connection time: a host name in a feed (``localhost``, a name whose DNS record
points at 10.0.0.5 or at a cloud's metadata service) passes the URL check and is refused here, on the
very address the connection would use (the answer is cached, so a second lookup cannot differ).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

from crawler.netpolicy import NOT_PUBLIC, NetworkPolicy, policy_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from twisted.internet.base import ReactorBase
    from twisted.internet.defer import Deferred


class RefusedAddressError(DNSLookupError):
    """A name resolved to an address the network policy forbids: to the connection, no address."""

    def __init__(self, name: str, address: str) -> None:
        self.reason = f"{name} resolves to {address}, {NOT_PUBLIC}"
        super().__init__(self.reason)


class PolicyResolver(CachingThreadedResolver):
    def __init__(self, reactor: ReactorBase, cache_size: int, timeout: float, policy: NetworkPolicy) -> None:
        super().__init__(reactor, cache_size, timeout)
        self.policy = policy

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: ReactorBase) -> PolicyResolver:
        settings = crawler.settings
        cache_size = settings.getint("DNSCACHE_SIZE") if settings.getbool("DNSCACHE_ENABLED") else 0
        return cls(reactor, cache_size, settings.getfloat("DNS_TIMEOUT"), policy_of(settings))

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Deferred[str]:  # noqa: N802 (Twisted API)
        return super().getHostByName(name, timeout).addCallback(self._checked, name)

    def _checked(self, address: Any, name: str) -> str:
        reason = self.policy.address_refusal(ipaddress.ip_address(address), host=name)
        if reason is not None:
            raise RefusedAddressError(name, str(address))
        return str(address)
