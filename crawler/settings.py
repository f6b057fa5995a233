"""Scrapy settings of forumwatch's crawls; the runner adds what comes from forumwatch.toml."""

from __future__ import annotations

from scrapy.settings import default_settings

BOT_NAME = "forumwatch"
SPIDER_MODULES = ["crawler.spiders"]

# Politeness: robots.txt obeyed, AutoThrottle adapting the delay to each server's latency.
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_MAX_DELAY = 60.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Items of one response processed in parallel. An article page gives one item, and the pipelines run on
# the reactor thread, so parallelism buys nothing; Scrapy starts this many asyncio tasks for every
# response (100 by default: a tenth of the crawl's CPU time on a page, measured with bench/crawl.py).
CONCURRENT_ITEMS = 4

# No news page is bigger than this; anything larger is a mistake or an attack.
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2

REQUEST_FINGERPRINTER_CLASS = "crawler.fingerprinting.CanonicalUrlFingerprinter"

# Only http(s), and to public addresses but for the config's [crawl] allow_private (crawler/netpolicy.py):
# the URL is judged before anything else runs, the address again when the name is resolved.
DOWNLOAD_HANDLERS = {
    "file": None,
    "data": None,
    "ftp": None,
    "s3": None,
    # Waits for the host's turn, whichever source asks: Crawl-delay, Retry-After, and the per-host
    # concurrency and delay of all sources together (crawler/politeness.py).
    "http": "crawler.politeness.PoliteDownloadHandler",
    "https": "crawler.politeness.PoliteDownloadHandler",
}
TWISTED_DNS_RESOLVER = "crawler.resolver.PolicyResolver"

DOWNLOADER_MIDDLEWARES = {
    # A source's own cookies and proxy ([[sources]]); before the policy, which leaves a proxy's names to it.
    "crawler.downloadermiddlewares.source_requests.SourceRequestMiddleware": 40,
    "crawler.downloadermiddlewares.netpolicy.NetworkPolicyMiddleware": 50,
    # Sees a 3xx before Scrapy's RedirectMiddleware (600) follows it.
    "crawler.downloadermiddlewares.redirects.RedirectLoopMiddleware": 610,
    # Scrapy's, in its place, asked only about pages whose bytes may hold a meta refresh.
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.downloadermiddlewares.redirects.MetaRefreshMiddleware": 580,
    # After robots.txt (100) so that a disallowed URL is never even looked up, before the download.
    "crawler.downloadermiddlewares.incremental.SkipStoredArticlesMiddleware": 150,
}

# Article links the source stored or saw are dropped as the spider yields them, not queued.
SPIDER_MIDDLEWARES = {"crawler.downloadermiddlewares.incremental.SkipStoredArticleLinks": 550}

EXTENSIONS = {"crawler.budget.ErrorLimit": 500, "crawler.dropped_items.FreeDroppedItems": 510}
# Scrapy's own extensions but its remote control, off as the telnet console is (TELNETCONSOLE_ENABLED):
# Scrapy imports every listed extension's module to read the list, even one set to None in EXTENSIONS,
# and that one's imports aiohttp's web server (10 MiB).
_REMOTE_CONTROL = "scrapy.extensions.remote_control.RemoteControl"
EXTENSIONS_BASE = {
    name: order for name, order in default_settings.EXTENSIONS_BASE.items() if name != _REMOTE_CONTROL
}

ITEM_PIPELINES = {
    "crawler.pipelines.clean.CleanPipeline": 100,
    "crawler.pipelines.match.MatchPipeline": 200,
    "crawler.pipelines.events.EventPipeline": 250,
    "crawler.pipelines.fingerprint.FingerprintPipeline": 300,
    "crawler.pipelines.store.StorePipeline": 400,
}

# Off-topic and duplicate items are the normal case, not warnings.
DEFAULT_DROPITEM_LOG_LEVEL = "DEBUG"
LOG_LEVEL = "WARNING"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
