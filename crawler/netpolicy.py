"""Which URLs and addresses a crawl may fetch: http(s) to public addresses, and what the config allows.

Feeds and pages are written by strangers: an item may link to ``http://127.0.0.1:8080/admin``, to
``http://169.254.169.254/`` (a cloud's metadata service), to ``http://2130706433/`` (127.0.0.1 written
as one number) or to ``file:///etc/passwd``. None of them is news. The policy is checked on every
request, redirects included (downloadermiddlewares/netpolicy.py), and again on the address a host name
resolves to when the connection is made (resolver.py), so a name that points inside is refused too.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

# The setting that carries the config's [crawl] allow_private list to the crawl's components.
ALLOW_PRIVATE_SETTING = "FORUMWATCH_ALLOW_PRIVATE"
ALLOWED_SCHEMES = frozenset({"http", "https"})
NOT_PUBLIC = "not a public address (loopback, private, link-local or reserved)"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_allowed(entry: str) -> IPNetwork | str:
    """One allow-list entry: an address or network (127.0.0.1, 10.0.0.0/8, ::1) or a host name.

    Raises ValueError for an entry that is neither (a URL, a name with a port or a path)."""
    text = entry.strip()
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        pass
    name = text.rstrip(".").lower()
    if not name or any(c in name for c in "/:@[] \t") or name.startswith("."):
        raise ValueError(f"{entry!r} is neither an address, a network (10.0.0.0/8) nor a host name")
    return name


def literal_address(host: str) -> IPAddress | None:
    """The address a URL's host is, when it is written as one: 127.0.0.1, [::1], and the forms a
    resolver reads as IPv4 too (2130706433, 0x7f.1, 0177.0.0.1, 127.1)."""
    text = host.strip("[]").rstrip(".")
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    if not text or not all(part and part.isalnum() for part in text.split(".")):
        return None
    try:  # inet_aton reads exactly the numeric forms getaddrinfo would connect to
        return ipaddress.IPv4Address(socket.inet_aton(text))
    except OSError:
        return None


def is_public(address: IPAddress) -> bool:
    """A globally routable unicast address (no loopback, private, link-local, CGNAT, multicast,
    reserved, documentation or unspecified address; an IPv4-mapped IPv6 address is judged by its IPv4)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


@dataclass(frozen=True)
class NetworkPolicy:
    """Public http(s) only, but for the networks and host names the config allows."""

    allowed_networks: tuple[IPNetwork, ...] = ()
    allowed_hosts: frozenset[str] = frozenset()

    @classmethod
    def allowing(cls, entries: Iterable[str]) -> NetworkPolicy:
        networks: list[IPNetwork] = []
        hosts: set[str] = set()
        for entry in entries:
            parsed = parse_allowed(entry)
            if isinstance(parsed, str):
                hosts.add(parsed)
            else:
                networks.append(parsed)
        return cls(tuple(networks), frozenset(hosts))

    def url_refusal(self, url: str) -> str | None:
        """Why a URL may not be fetched (None: it may, as far as the URL itself tells)."""
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError:
            return "not a valid URL"
        if parts.scheme.lower() not in ALLOWED_SCHEMES:
            return f"scheme {parts.scheme or '(none)'!r} is not http or https"
        if not host:
            return "no host"
        if self.host_allowed(host):
            return None
        address = literal_address(host)
        if address is not None:
            return self.address_refusal(address)
        return None  # a name: judged by what it resolves to

    def host_allowed(self, host: str) -> bool:
        return host.rstrip(".").lower() in self.allowed_hosts

    def address_refusal(self, address: IPAddress, host: str | None = None) -> str | None:
        """Why an address may not be connected to (None: it may)."""
        if is_public(address) or (host is not None and self.host_allowed(host)):
            return None
        if any(address in network for network in self.allowed_networks if network.version == address.version):
            return None
        return f"{address} is {NOT_PUBLIC}"


def policy_of(settings: BaseSettings) -> NetworkPolicy:
    return NetworkPolicy.allowing(settings.getlist(ALLOW_PRIVATE_SETTING))
