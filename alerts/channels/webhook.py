"""Alerts as a JSON POST to a URL of the operator's choosing, optionally signed with HMAC-SHA256."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit

import requests

from alerts.channels.base import DeliveryError, Message
from alerts.settings import WebhookSettings

SIGNATURE_HEADER = "X-Forumwatch-Signature"
# Statuses worth trying again: timeout, conflict (a concurrent request with the key), too early,
# too many requests; and every 5xx.
RETRYABLE_STATUSES = frozenset({408, 409, 425, 429})


class WebhookChannel:
    """POSTs ``message.payload`` plus id, subject, text and language as UTF-8 JSON.

    Every attempt at one alert carries the same ``Idempotency-Key`` header (and ``id`` in the body).
    With ``secret_env`` set, ``X-Forumwatch-Signature: sha256=<hex>`` is the HMAC-SHA256 of the exact
    body bytes under that secret: the receiver recomputes it over the raw body before parsing it.
    """

    def __init__(self, config: WebhookSettings, environ: Mapping[str, str] = os.environ) -> None:
        self.name = config.name
        self.config = config
        self._environ = environ

    @property
    def _where(self) -> str:
        # The URL without its query string, which may carry a token.
        parts = urlsplit(self.config.url)
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))

    def send(self, message: Message) -> None:
        body = request_body(message)
        headers = {
            "Content-Type": "application/json",
            "Idempotency-Key": message.idempotency_key,
            "User-Agent": self.config.user_agent,
        }
        if self.config.secret_env is not None:
            secret = self._environ.get(self.config.secret_env)
            if not secret:
                raise DeliveryError(
                    f"environment variable {self.config.secret_env} (channel {self.name}) is not set",
                    retryable=False,
                )
            headers[SIGNATURE_HEADER] = signature(secret, body)
        timeout = self.config.timeout_seconds
        try:
            response = requests.post(
                self.config.url, data=body, headers=headers, timeout=(timeout, timeout), allow_redirects=False
            )
        except requests.Timeout as error:
            raise DeliveryError(f"POST {self._where} timed out (after {timeout:g} s)") from error
        except requests.exceptions.SSLError as error:
            verify = "CERTIFICATE_VERIFY_FAILED" in str(error)
            raise DeliveryError(f"TLS with {self._where} failed: {error}", retryable=not verify) from error
        except requests.ConnectionError as error:
            raise DeliveryError(f"cannot reach {self._where}: {error}") from error
        except (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema) as error:
            raise DeliveryError(f"webhook URL {self._where} unusable: {error}", retryable=False) from error
        except requests.RequestException as error:
            raise DeliveryError(f"POST {self._where} failed: {error}") from error
        with response:
            status = response.status_code
            if 200 <= status < 300:
                return
            answer = f"POST {self._where} answered {status} {response.reason or ''}".rstrip()
            snippet = " ".join(response.text[:200].split())
            if 300 <= status < 400:
                raise DeliveryError(
                    f"{answer}, redirecting to {response.headers.get('Location', '?')}: set the final URL "
                    "in the configuration (a POST is not followed to another address)",
                    retryable=False,
                )
            retry_after = response.headers.get("Retry-After")
            detail = f"{answer}" + (f": {snippet}" if snippet else "")
            detail += f" (Retry-After: {retry_after})" if retry_after else ""
            raise DeliveryError(detail, retryable=status in RETRYABLE_STATUSES or status >= 500)


def request_body(message: Message) -> bytes:
    """The JSON body: the payload with the message's id (its idempotency key), subject, text, language."""
    document = {
        **message.payload,
        "id": message.idempotency_key,
        "subject": message.subject,
        "text": message.text,
        "language": message.language,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def signature(secret: str, body: bytes) -> str:
    """The ``X-Forumwatch-Signature`` header's value: ``sha256=`` and the hex HMAC of ``body``."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
