"""Alerts by e-mail through an SMTP server: SMTPS, STARTTLS or plain (a local relay)."""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import quote

from alerts.channels.base import DeliveryError, Message
from alerts.settings import EmailSettings

logger = logging.getLogger(__name__)


class EmailChannel:
    """Sends each message as one text/plain UTF-8 mail to every address in ``config.to``.

    The Message-ID is derived from the idempotency key, so every attempt at one alert carries the same
    one: mail systems that drop duplicates by Message-ID show the alert once.
    """

    def __init__(
        self,
        config: EmailSettings,
        environ: Mapping[str, str] = os.environ,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.name = config.name
        self.config = config
        self._environ = environ
        self._ssl_context = ssl_context if ssl_context is not None else ssl.create_default_context()

    @property
    def _server(self) -> str:
        return f"{self.config.smtp_host}:{self.config.port}"

    def send(self, message: Message) -> None:
        credentials = self._credentials()
        mail = build_email(message, self.config.sender, self.config.to)
        try:
            self._deliver(mail, credentials)
        except smtplib.SMTPRecipientsRefused as error:
            # Every recipient refused: retrying helps only if every refusal was temporary (4xx).
            replies = ", ".join(
                f"{address}: {_reply(code, text)}" for address, (code, text) in error.recipients.items()
            )
            temporary = all(400 <= code < 500 for code, _ in error.recipients.values())
            raise DeliveryError(
                f"SMTP server {self._server} refused every recipient ({replies})", retryable=temporary
            ) from error
        except smtplib.SMTPAuthenticationError as error:
            raise DeliveryError(
                f"SMTP server {self._server} refused the login of {credentials[0] if credentials else '?'}: "
                f"{_reply(error.smtp_code, error.smtp_error)}",
                retryable=400 <= error.smtp_code < 500,  # 454: temporary authentication failure
            ) from error
        except smtplib.SMTPResponseException as error:
            # Sender refused, data refused, greeting or HELO refused, STARTTLS refused: 4xx is temporary.
            raise DeliveryError(
                f"SMTP server {self._server} answered {_reply(error.smtp_code, error.smtp_error)}",
                retryable=not 500 <= error.smtp_code < 600,
            ) from error
        except smtplib.SMTPServerDisconnected as error:
            raise DeliveryError(f"SMTP server {self._server} closed the connection: {error}") from error
        except smtplib.SMTPNotSupportedError as error:
            raise DeliveryError(f"SMTP server {self._server}: {error}", retryable=False) from error
        except smtplib.SMTPException as error:
            # "No suitable authentication method found" and the like: the server and the configuration
            # do not fit together; trying again will not change that.
            raise DeliveryError(f"SMTP server {self._server}: {error}", retryable=False) from error
        except ssl.SSLCertVerificationError as error:
            raise DeliveryError(
                f"TLS certificate of {self._server} not accepted: {error.verify_message or error}",
                retryable=False,
            ) from error
        except (ssl.SSLEOFError, ssl.SSLZeroReturnError) as error:
            raise DeliveryError(f"TLS connection to {self._server} cut: {error}") from error
        except ssl.SSLError as error:
            # WRONG_VERSION_NUMBER and the like: TLS spoken to a plain port, or the reverse.
            raise DeliveryError(
                f"TLS with {self._server} failed ({error}); is security = {self.config.security!r} right "
                f"for port {self.config.port}?",
                retryable=False,
            ) from error
        except TimeoutError as error:
            raise DeliveryError(
                f"SMTP server {self._server} timed out (after {self.config.timeout_seconds:g} s)"
            ) from error
        except OSError as error:
            # Connection refused or reset, no route, name resolution: the network or the server is down.
            raise DeliveryError(f"cannot reach SMTP server {self._server}: {error}") from error

    def _credentials(self) -> tuple[str, str] | None:
        if self.config.username_env is None or self.config.password_env is None:
            return None
        values = []
        for variable in (self.config.username_env, self.config.password_env):
            value = self._environ.get(variable)
            if not value:
                raise DeliveryError(
                    f"environment variable {variable} (channel {self.name}) is not set or empty",
                    retryable=False,
                )
            values.append(value)
        return values[0], values[1]

    def _deliver(self, mail: EmailMessage, credentials: tuple[str, str] | None) -> None:
        config = self.config
        smtp: smtplib.SMTP
        if config.security == "tls":
            smtp = smtplib.SMTP_SSL(
                config.smtp_host, config.port, timeout=config.timeout_seconds, context=self._ssl_context
            )
        else:
            smtp = smtplib.SMTP(config.smtp_host, config.port, timeout=config.timeout_seconds)
        try:
            if config.security == "starttls":
                smtp.ehlo()
                if not smtp.has_extn("starttls"):
                    raise DeliveryError(
                        f"SMTP server {self._server} offers no STARTTLS; not sending in the clear "
                        "(security = 'starttls')",
                        retryable=False,
                    )
                smtp.starttls(context=self._ssl_context)
                smtp.ehlo()
            if credentials is not None:
                _login(smtp, *credentials)
            refused = smtp.send_message(mail, from_addr=config.sender, to_addrs=list(config.to))
            if refused:
                # Accepted for the others: sending again would give them a second copy.
                logger.warning(
                    "channel %s: %s refused %s",
                    self.name,
                    self._server,
                    ", ".join(
                        f"{address} ({_reply(code, text)})" for address, (code, text) in refused.items()
                    ),
                )
            _quit_politely(smtp)
        finally:
            smtp.close()


def build_email(message: Message, sender: str, to: Sequence[str]) -> EmailMessage:
    """The mail for ``message``: text/plain UTF-8, its Message-ID made of the idempotency key."""
    mail = EmailMessage()
    mail["Subject"] = message.subject
    mail["From"] = sender
    mail["To"] = ", ".join(to)
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = message_id(message.idempotency_key)
    # RFC 3834: an automatic message; vacation responders do not answer it.
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(message.text, subtype="plain", charset="utf-8")
    mail["Content-Language"] = message.language  # after set_content, which drops Content-* headers
    return mail


# dot-atom-text (RFC 5322) but for the dot, which may not start, end or repeat there.
_ATEXT = "!#$&'*+/=?^_`{|}~-"


def message_id(idempotency_key: str) -> str:
    """``<key@forumwatch>``, the key percent-encoded where it has characters a Message-ID may not hold
    (so two keys never share one)."""
    left = quote(idempotency_key, safe=_ATEXT).replace(".", "%2E") or "-"
    return f"<{left}@forumwatch>"


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    if user.isascii() and password.isascii():
        smtp.login(user, password)
        return
    # smtplib encodes credentials as ASCII; AUTH PLAIN carries UTF-8 (RFC 4616), so do it by hand.
    smtp.ehlo_or_helo_if_needed()
    if "PLAIN" not in smtp.esmtp_features.get("auth", "").upper().split():
        raise smtplib.SMTPNotSupportedError(
            "credentials with non-ASCII characters need AUTH PLAIN, which the server does not offer"
        )
    token = base64.b64encode(b"\0" + user.encode("utf-8") + b"\0" + password.encode("utf-8"))
    code, reply = smtp.docmd("AUTH", "PLAIN " + token.decode("ascii"))
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _quit_politely(smtp: smtplib.SMTP) -> None:
    # The mail is accepted: a server that hangs up before QUIT's answer changes nothing about that.
    with contextlib.suppress(smtplib.SMTPException, OSError):
        smtp.quit()


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(text.split())}".strip()
