"""Alert channels against real servers on 127.0.0.1: aiosmtpd for e-mail (plain, STARTTLS, SMTPS, AUTH),
a ThreadingHTTPServer for the webhook and for apprise's json:// service. No mocks, no internet."""

from __future__ import annotations

import email
import email.policy
import hashlib
import hmac
import importlib
import json
import logging
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from alerts.channels import AppriseChannel, EmailChannel, WebhookChannel
from alerts.channels.base import DeliveryError, Message
from alerts.channels.email import message_id
from alerts.settings import AppriseSettings, EmailSettings, SmtpSecurity, WebhookSettings
from forumwatch.localserver import LocalServer, Received, Reply

KEY = "outbox-17-desk"
USER_AGENT = "forumwatch/0.0-test"
SUBJECT = "论坛预告：2023上海-台北城市论坛将于8月29日至30日在上海举行"
TEXT = (
    "2023上海-台北城市论坛将于8月29日至30日在上海举行\n"
    "来源：新浪财经\n"
    "发布时间：2023-08-24 16:45（UTC+8）\n"
    "摘要：上海市人民政府台湾事务办公室24日发布消息，2023上海-台北城市论坛将于8月29日至30日在上海举行。…"
)


def message(key: str = KEY, **payload: Any) -> Message:
    return Message(
        subject=SUBJECT,
        text=TEXT,
        language="zh-Hans",
        idempotency_key=key,
        payload={"type": "story.announcement", "rule": "forum", "stories": [{"story_id": 7}], **payload},
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


# ---------------------------------------------------------------------------------------------------
# E-mail


@dataclass
class Mailbox:
    """An aiosmtpd handler that keeps what it is given, or refuses as told."""

    mails: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    rcpt_reply: str | None = None  # e.g. "550 5.1.1 no such user"
    data_reply: str = "250 OK"

    # aiosmtpd's hook names.
    async def handle_RCPT(  # noqa: N802
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if self.rcpt_reply:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.data_reply.startswith("250"):
            parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
            assert isinstance(parsed, EmailMessage)
            self.mails.append(parsed)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return self.data_reply


@dataclass(frozen=True)
class Tls:
    server: ssl.SSLContext
    client: ssl.SSLContext  # trusts the test CA
    stranger: ssl.SSLContext  # trusts another CA


@pytest.fixture(scope="module")
def tls() -> Tls:
    ca = trustme.CA()
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(server)
    client = ssl.create_default_context()
    ca.configure_trust(client)
    stranger = ssl.create_default_context()
    trustme.CA().configure_trust(stranger)
    return Tls(server, client, stranger)


USERS = {b"alerts": b"s3cret-\xe5\xaf\x86"}


def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and USERS.get(auth_data.login) == auth_data.password
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself


@pytest.fixture
def smtp_server() -> Iterator[Any]:
    """Starts an SMTP server with the given options; stops every one at the end of the test."""
    started: list[Controller] = []

    def start(mailbox: Mailbox, **options: Any) -> int:
        port = free_port()
        controller = Controller(mailbox, hostname="127.0.0.1", port=port, **options)
        controller.start()
        started.append(controller)
        return port

    yield start
    for controller in started:
        controller.stop()


def email_settings(port: int, security: SmtpSecurity = "none", **extra: Any) -> EmailSettings:
    settings = EmailSettings(
        name="desk",
        to=("desk@example.org", "editor@example.org"),
        sender="forumwatch@example.org",
        smtp_host="127.0.0.1",
        port=port,
        security=security,
        username_env=None,
        password_env=None,
        timeout_seconds=5.0,
    )
    return replace(settings, **extra)


def test_email_plain_delivers_utf8_chinese_with_key_in_message_id(smtp_server: Any) -> None:
    mailbox = Mailbox()
    port = smtp_server(mailbox)
    EmailChannel(email_settings(port)).send(message())

    [mail] = mailbox.mails
    assert mail["Subject"] == SUBJECT
    assert mail["From"] == "forumwatch@example.org"
    assert mail["To"] == "desk@example.org, editor@example.org"
    assert mail["Message-ID"] == f"<{KEY}@forumwatch>"
    assert mail["Content-Language"] == "zh-Hans"
    assert mail["Date"]
    assert mail.get_content_type() == "text/plain"
    assert mail.get_content_charset() == "utf-8"
    assert mail.get_content().rstrip("\n") == TEXT
    assert mailbox.envelopes == [("forumwatch@example.org", ["desk@example.org", "editor@example.org"])]


def test_email_every_attempt_has_the_same_message_id(smtp_server: Any) -> None:
    mailbox = Mailbox()
    channel = EmailChannel(email_settings(smtp_server(mailbox)))
    channel.send(message())
    channel.send(message())
    assert [m["Message-ID"] for m in mailbox.mails] == [f"<{KEY}@forumwatch>"] * 2


def test_message_id_keeps_keys_apart_and_valid() -> None:
    assert message_id("alert:12:rule/desk") == "<alert%3A12%3Arule/desk@forumwatch>"
    assert message_id("a.b") != message_id("a%2Eb")
    assert message_id("run 3 <x>") == "<run%203%20%3Cx%3E@forumwatch>"


def test_email_starttls(smtp_server: Any, tls: Tls) -> None:
    mailbox = Mailbox()
    port = smtp_server(mailbox, tls_context=tls.server, require_starttls=True)
    EmailChannel(email_settings(port, "starttls"), ssl_context=tls.client).send(message())
    [mail] = mailbox.mails
    assert mail["Subject"] == SUBJECT
    assert "台北城市论坛" in mail.get_content()


def test_email_starttls_refused_when_the_server_does_not_offer_it(smtp_server: Any, tls: Tls) -> None:
    mailbox = Mailbox()
    port = smtp_server(mailbox)  # no tls_context: no STARTTLS in the EHLO answer
    with pytest.raises(DeliveryError, match="STARTTLS") as caught:
        EmailChannel(email_settings(port, "starttls"), ssl_context=tls.client).send(message())
    assert not caught.value.retryable
    assert mailbox.mails == []


def test_email_starttls_with_an_untrusted_certificate_is_not_retryable(smtp_server: Any, tls: Tls) -> None:
    port = smtp_server(Mailbox(), tls_context=tls.server)
    with pytest.raises(DeliveryError, match="certificate") as caught:
        EmailChannel(email_settings(port, "starttls"), ssl_context=tls.stranger).send(message())
    assert not caught.value.retryable


def test_email_smtps(smtp_server: Any, tls: Tls) -> None:
    mailbox = Mailbox()
    port = smtp_server(mailbox, ssl_context=tls.server)
    EmailChannel(email_settings(port, "tls"), ssl_context=tls.client).send(message())
    [mail] = mailbox.mails
    assert mail["Message-ID"] == f"<{KEY}@forumwatch>"
    assert mail.get_content().rstrip("\n") == TEXT


AUTH_ENV = {"SMTP_USER": "alerts", "SMTP_PASSWORD": "s3cret-密"}


def test_email_login_with_credentials_from_the_environment(smtp_server: Any, tls: Tls) -> None:
    mailbox = Mailbox()
    port = smtp_server(mailbox, tls_context=tls.server, authenticator=authenticator, auth_required=True)
    settings = email_settings(port, "starttls", username_env="SMTP_USER", password_env="SMTP_PASSWORD")
    EmailChannel(settings, AUTH_ENV, ssl_context=tls.client).send(message())
    assert len(mailbox.mails) == 1


@pytest.mark.parametrize("password", ["guess", "猜一猜"])
def test_email_wrong_password_is_not_retryable(smtp_server: Any, tls: Tls, password: str) -> None:
    mailbox = Mailbox()
    port = smtp_server(mailbox, tls_context=tls.server, authenticator=authenticator, auth_required=True)
    settings = email_settings(port, "starttls", username_env="SMTP_USER", password_env="SMTP_PASSWORD")
    environ = {**AUTH_ENV, "SMTP_PASSWORD": password}
    with pytest.raises(DeliveryError, match="refused the login of alerts") as caught:
        EmailChannel(settings, environ, ssl_context=tls.client).send(message())
    assert not caught.value.retryable
    assert password not in str(caught.value)
    assert mailbox.mails == []


def test_email_missing_credential_variable_is_named_and_not_retryable(smtp_server: Any) -> None:
    settings = email_settings(free_port(), username_env="SMTP_USER", password_env="SMTP_PASSWORD")
    with pytest.raises(DeliveryError, match="SMTP_PASSWORD") as caught:
        EmailChannel(settings, {"SMTP_USER": "alerts"}).send(message())
    assert not caught.value.retryable


def test_email_server_down_is_retryable() -> None:
    with pytest.raises(DeliveryError, match="cannot reach") as caught:
        EmailChannel(email_settings(free_port())).send(message())
    assert caught.value.retryable


def test_email_every_recipient_refused_is_not_retryable(smtp_server: Any) -> None:
    port = smtp_server(Mailbox(rcpt_reply="550 5.1.1 no such user"))
    with pytest.raises(DeliveryError, match="no such user") as caught:
        EmailChannel(email_settings(port)).send(message())
    assert not caught.value.retryable


def test_email_temporary_refusal_is_retryable(smtp_server: Any) -> None:
    port = smtp_server(Mailbox(data_reply="451 4.3.0 try again later"))
    with pytest.raises(DeliveryError, match="451") as caught:
        EmailChannel(email_settings(port)).send(message())
    assert caught.value.retryable


def test_email_permanent_refusal_is_not_retryable(smtp_server: Any) -> None:
    port = smtp_server(Mailbox(data_reply="554 5.7.1 message rejected as spam"))
    with pytest.raises(DeliveryError, match="554") as caught:
        EmailChannel(email_settings(port)).send(message())
    assert not caught.value.retryable


# ---------------------------------------------------------------------------------------------------
# HTTP: the webhook, and apprise's json:// service


@dataclass
class HttpServer:
    url: str
    received: list[Received]


@pytest.fixture
def http_server() -> Iterator[HttpServer]:
    """Answers POST /status/<code> with that code, /redirect with a 302, /hang after the client gave up
    (at most 5 s, released when the test ends), anything else with 200; records every request."""
    release = threading.Event()

    def answer(request: Received) -> Reply:
        path = request.path.partition("?")[0]
        if path == "/redirect":
            return Reply(status=302, headers={"Location": "https://elsewhere.example/hook"})
        if path == "/hang":
            release.wait(5)
        status = int(path.rsplit("/", 1)[1]) if path.startswith("/status/") else 200
        headers = {"Retry-After": "120"} if status == 429 else {}
        return Reply(b'{"ok": true}' if status == 200 else b"no thanks", status, headers)

    with LocalServer(fallback=answer) as server:
        try:
            yield HttpServer(server.base_url, server.requests)
        finally:
            release.set()  # before the server stops: a hanging answer ends with its test


def webhook(url: str, **extra: Any) -> WebhookChannel:
    settings = WebhookSettings(
        name="hook", url=url, secret_env=None, timeout_seconds=10.0, user_agent=USER_AGENT
    )
    return WebhookChannel(replace(settings, **extra), {"HOOK_SECRET": "correct horse"})


def test_webhook_posts_signed_json(http_server: HttpServer) -> None:
    webhook(f"{http_server.url}/alerts", secret_env="HOOK_SECRET").send(message())

    [request] = http_server.received
    assert request.path == "/alerts"
    document = json.loads(request.body.decode("utf-8"))
    assert document["id"] == KEY
    assert document["type"] == "story.announcement"
    assert document["rule"] == "forum"
    assert document["stories"] == [{"story_id": 7}]
    assert document["subject"] == SUBJECT
    assert document["text"] == TEXT
    assert document["language"] == "zh-Hans"
    assert request.headers["Idempotency-Key"] == KEY
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["User-Agent"] == USER_AGENT
    expected = hmac.new(b"correct horse", request.body, hashlib.sha256).hexdigest()
    assert request.headers["X-Forumwatch-Signature"] == f"sha256={expected}"


def test_webhook_without_secret_is_unsigned(http_server: HttpServer) -> None:
    webhook(f"{http_server.url}/alerts").send(message())
    [request] = http_server.received
    assert "X-Forumwatch-Signature" not in request.headers


def test_webhook_missing_secret_variable_is_not_retryable(http_server: HttpServer) -> None:
    with pytest.raises(DeliveryError, match="NOT_THERE") as caught:
        webhook(f"{http_server.url}/alerts", secret_env="NOT_THERE").send(message())
    assert not caught.value.retryable
    assert http_server.received == []


@pytest.mark.parametrize(
    ("status", "retryable"),
    [
        (500, True),
        (503, True),
        (429, True),
        (408, True),
        (409, True),
        (400, False),
        (401, False),
        (404, False),
    ],
)
def test_webhook_error_statuses(http_server: HttpServer, status: int, retryable: bool) -> None:
    with pytest.raises(DeliveryError, match=str(status)) as caught:
        webhook(f"{http_server.url}/status/{status}").send(message())
    assert caught.value.retryable is retryable
    if status == 429:
        assert "Retry-After: 120" in str(caught.value)


def test_webhook_accepts_any_2xx(http_server: HttpServer) -> None:
    webhook(f"{http_server.url}/status/202").send(message())
    webhook(f"{http_server.url}/status/204").send(message())


def test_webhook_does_not_follow_redirects(http_server: HttpServer) -> None:
    with pytest.raises(DeliveryError, match=r"elsewhere\.example") as caught:
        webhook(f"{http_server.url}/redirect").send(message())
    assert not caught.value.retryable
    assert len(http_server.received) == 1


def test_webhook_timeout_is_retryable(http_server: HttpServer) -> None:
    with pytest.raises(DeliveryError, match="timed out") as caught:
        webhook(f"{http_server.url}/hang", timeout_seconds=0.5).send(message())
    assert caught.value.retryable


def test_webhook_server_down_is_retryable() -> None:
    with pytest.raises(DeliveryError, match="cannot reach") as caught:
        webhook(f"http://127.0.0.1:{free_port()}/alerts").send(message())
    assert caught.value.retryable


def test_webhook_reasons_leave_the_query_string_out(http_server: HttpServer) -> None:
    with pytest.raises(DeliveryError) as caught:
        webhook(f"{http_server.url}/status/400?token=abc123").send(message())
    assert "abc123" not in str(caught.value)


def apprise_channel(url: str | None = None, url_env: str | None = None) -> AppriseChannel:
    settings = AppriseSettings(name="chat", url=url, url_env=url_env)
    return AppriseChannel(settings, {"CHAT_URL": "json://127.0.0.1:1/never"})


def apprise_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "apprise" or r.name.startswith("apprise.")]


def test_apprise_json_delivers_quietly(http_server: HttpServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="apprise")
    url = http_server.url.replace("http://", "json://") + "/notify"
    apprise_channel(url).send(message())

    [request] = http_server.received
    assert request.path == "/notify"
    document = json.loads(request.body.decode("utf-8"))
    assert document["title"] == SUBJECT
    assert document["message"] == TEXT
    assert apprise_records(caplog) == []


def test_apprise_server_error_is_retryable_and_says_why(
    http_server: HttpServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="apprise")
    url = http_server.url.replace("http://", "json://") + "/status/500"
    with pytest.raises(DeliveryError, match="could not notify json://") as caught:
        apprise_channel(url).send(message())
    assert caught.value.retryable
    assert "500" in str(caught.value)
    assert len(http_server.received) >= 1
    assert apprise_records(caplog), "apprise's own log is let out when it failed"


def test_apprise_nonsense_url_is_not_retryable() -> None:
    with pytest.raises(DeliveryError, match="does not understand") as caught:
        apprise_channel("nonsense-service://token-abc@nowhere").send(message())
    assert not caught.value.retryable
    assert "token-abc" not in str(caught.value)


def test_apprise_url_from_the_environment(http_server: HttpServer) -> None:
    settings = AppriseSettings(name="chat", url=None, url_env="CHAT_URL")
    url = http_server.url.replace("http://", "json://") + "/from-env"
    AppriseChannel(settings, {"CHAT_URL": url}).send(message())
    assert [r.path for r in http_server.received] == ["/from-env"]
    with pytest.raises(DeliveryError, match="CHAT_URL") as caught:
        AppriseChannel(settings, {}).send(message())
    assert not caught.value.retryable


def test_apprise_channel_module_does_not_shadow_apprise() -> None:
    import alerts.channels.apprise as channel_module

    apprise = importlib.import_module("apprise")  # what the channel imports when it sends
    assert apprise is not channel_module
    assert hasattr(apprise, "Apprise")
