"""Where a run may connect: base URL checks before a request, and a guard on every connection it opens.

Two layers, both on the server:
- `check_url` looks at a base URL a learner typed, before any request: `http`/`https` only, no credentials,
  a length limit; in public mode `https` only, and every address the host name resolves to (numeric
  spellings such as `0x7f000001` or `[::ffff:127.0.0.1]` included) must be a public internet address.
- `Guard` is handed to a run's connections (`streamlab.hosting.run_connections`): every socket the run connects,
  whoever made it (the SDK, a snippet's own HTTP client, a redirect, a DNS answer that changed since the
  check), is checked against the address actually connected to and refused with `AddressRefused` before the
  connection is made.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from streamlab.hosting.safe_text import ProviderError, short

MAX_URL_CHARS = 300
CGNAT = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
PUBLIC_RULE = "a public StreamLab connects only to public internet addresses over https"


class AddressRefused(PermissionError):
    """A connection a run tried to open to an address it may not reach; the message says why."""


def refusal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """Why `ip` is not a public internet address ("" when it is one)."""
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return refusal(embedded)
    for reason, hit in (("a loopback address", ip.is_loopback), ("the unspecified address", ip.is_unspecified),
                        ("a link-local address (where cloud metadata services live)", ip.is_link_local),
                        ("a multicast address", ip.is_multicast),
                        ("a shared (carrier-grade NAT) address", ip.version == 4 and ip in CGNAT),
                        ("a private-network address", ip.is_private or (ip.version == 6 and ip.is_site_local)),
                        ("a reserved address", ip.is_reserved),
                        ("an address outside the public internet", not ip.is_global)):
        if hit:
            return reason
    return ""


def literal_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host written as a number means, in any spelling the resolver accepts
    (`127.0.0.1`, `2130706433`, `0x7f000001`, `0177.0.0.1`, `127.1`, `::ffff:127.0.0.1`); None for a name."""
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except (OSError, ValueError):
        return None


def resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    literal = literal_address(host)
    if literal is not None:
        return [literal]
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except UnicodeError as exc:  # a label too long, empty (a..b) or not encodable as a host name
        raise ProviderError(f"The base URL's host {short(host)} is not a valid host name.") from exc
    except OSError as exc:
        raise ProviderError(f"The base URL's host {short(host)} could not be found: no address answers to that "
                            "name. Check its spelling.") from exc
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in answers]


@dataclass(frozen=True)
class Origin:
    scheme: str
    host: str
    port: int


def origin_of(url: str) -> Origin | None:
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None
    return Origin(parts.scheme.lower(), (parts.hostname or "").lower(), port)


def is_mock(url: str, mock_urls: tuple[str, ...]) -> bool:
    """Whether `url` is the app's own built-in mock (always allowed), e.g. …/mock/openai/v1, under one of the
    mock's URLs (its own process's, and `/mock` on the app's port)."""
    parts = urlsplit(url)
    if ".." in parts.path or "%" in parts.path:
        return False
    return any(origin_of(url) == origin_of(root) and parts.path.startswith(urlsplit(root).path.rstrip("/") + "/")
               for root in mock_urls if root)


def check_url(url: str, *, public: bool, mock_urls: tuple[str, ...] = (), look_up: bool = True) -> str:
    """The base URL, stripped, if a run may use it; otherwise ProviderError saying why. Checked before any
    request. In public mode the host is resolved here, and the run's guard checks the address connected to later."""
    url = url.strip()
    if len(url) > MAX_URL_CHARS:
        raise ProviderError(f"The base URL is {len(url):,} characters; the limit is {MAX_URL_CHARS}.")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise ProviderError("The base URL contains spaces or control characters.")
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise ProviderError(f"The base URL is not a valid URL ({short(str(exc))}).") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ProviderError(f"The base URL must start with https:// (or http:// on your own machine), not "
                            f"{short((scheme or 'nothing')[:20])}:.")
    if "@" in parts.netloc:
        raise ProviderError("The base URL must not contain a user name or password (user:pass@host); "
                            "put the key in the API key field.")
    if not parts.hostname:
        raise ProviderError("The base URL has no host name.")
    if is_mock(url, mock_urls):
        return url
    if not public:
        return url
    if scheme != "https":
        raise ProviderError(f"The base URL must use https://: {PUBLIC_RULE}.")
    if not look_up and literal_address(parts.hostname.strip("[]")) is None:
        return url
    for ip in resolve(parts.hostname.strip("[]"), port):
        reason = refusal(ip)
        if reason:
            # a name's address is not shown: a visitor must not map the server's internal names
            said = "is" if literal_address(parts.hostname.strip("[]")) is not None else "resolves to"
            raise ProviderError(f"The base URL's host {short(parts.hostname)} {said} {reason}: {PUBLIC_RULE}.")
    return url


# --- the guard on every connection a run opens ------------------------------------------------------------

@dataclass(frozen=True)
class Guard:
    """Public addresses only, plus these exact (host, port) pairs (the app's own mock)."""
    allowed: frozenset = frozenset()

    def check(self, family, address) -> None:
        if family not in (socket.AF_INET, socket.AF_INET6) or not isinstance(address, tuple):
            raise AddressRefused("A run may open only internet connections.")
        host, port = str(address[0]).split("%", 1)[0], address[1]
        if (host, port) in self.allowed:
            return
        reason = refusal(ipaddress.ip_address(host))
        if reason:
            raise AddressRefused(f"Refused to connect to {host}: it is {reason}, and {PUBLIC_RULE}.")


def guard_for(mock_urls: tuple[str, ...]) -> Guard:
    allowed = set()
    for mock_url in mock_urls:
        mock = origin_of(mock_url) if mock_url else None
        if mock is not None and mock.host:
            for ip in resolve(mock.host, mock.port):
                allowed.add((str(ip), mock.port))
    return Guard(frozenset(allowed))
