"""The review page in a real browser: Playwright driving Chromium (Debian's package; `.ci/run` installs it
and names it in FORUMWATCH_TEST_CHROMIUM). The app is served by uvicorn over HTTP on 127.0.0.1, on a
real SQLite file with the demo site crawled into it and stories that carry XSS payloads.

Screenshots of the inbox and the story view are written to FORUMWATCH_TEST_SCREENSHOTS (a directory)
when it is set, else into the test's temporary directory."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from review.app import create_app
from review.security import Access
from storage.engine import open_database
from tests.review_data import PAYLOADS, add_hostile_stories, crawl_demo

CHROMIUM_ENV = "FORUMWATCH_TEST_CHROMIUM"
SCREENSHOTS_ENV = "FORUMWATCH_TEST_SCREENSHOTS"
TOKEN = "morning-routine-token"


def chromium_or_skip() -> str:
    path = os.environ.get(CHROMIUM_ENV) or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        if os.environ.get("FORUMWATCH_TEST_REQUIRE_SERVERS"):
            pytest.fail(f"no Chromium: install Debian's chromium package and set {CHROMIUM_ENV}")
        pytest.skip(f"no Chromium on this machine (apt-get install chromium, or set {CHROMIUM_ENV})")
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[int]]]:
    workdir = tmp_path_factory.mktemp("browser")
    db_url = f"sqlite:///{workdir}/review.db"
    crawl_demo(db_url, workdir)
    hostile = add_hostile_stories(db_url)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(open_database(db_url), Access(TOKEN)), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the review server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", hostile
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def dialogs() -> list[str]:
    """Every dialog (alert, confirm, prompt) a page opened: none may."""
    return []


@pytest.fixture
def page(browser: Browser, site: tuple[str, list[int]], dialogs: list[str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1360, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    base = site[0]
    page.goto(base + "/")
    page.fill("input[name=name]", "Mei")
    page.fill("input[name=token]", TOKEN)
    page.click("button.primary")
    page.wait_for_url(base + "/")
    yield page
    context.close()


def screenshot_dir(tmp_path: Path) -> Path:
    target = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    return target


def test_the_morning_routine(
    page: Page, site: tuple[str, list[int]], tmp_path: Path, dialogs: list[str]
) -> None:
    base = site[0]
    rows = page.locator("table.inbox tbody tr")
    before = rows.count()
    assert before >= 6
    shots = screenshot_dir(tmp_path)
    page.screenshot(path=str(shots / "inbox.png"), full_page=True)

    first = rows.first.get_attribute("data-story")
    rows.first.locator("td.title a").click()
    page.wait_for_url(f"{base}/stories/{first}")
    assert page.locator("article.story h1").inner_text()
    page.screenshot(path=str(shots / "story.png"))

    page.keyboard.press("r")  # relevant, then on to the next new story
    page.wait_for_url(lambda url: url != f"{base}/stories/{first}")
    page.goto(base + "/")
    assert rows.count() == before - 1
    assert page.locator(f'tr[data-story="{first}"]').count() == 0
    page.goto(base + "/?status=relevant")
    assert page.locator(f'tr[data-story="{first}"]').count() == 1

    # Keyboard in the inbox: down one row, dismiss it.
    page.goto(base + "/")
    second = rows.nth(1).get_attribute("data-story")
    page.keyboard.press("j")
    with page.expect_navigation():
        page.keyboard.press("d")
    assert page.locator(f'tr[data-story="{second}"]').count() == 0
    assert dialogs == []


def test_an_export_downloads_the_filtered_stories(page: Page, site: tuple[str, list[int]]) -> None:
    page.goto(site[0] + "/?status=all&topic=twin-city-forum")
    with page.expect_download() as download:
        page.click("text=CSV")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("story_id,title")
    assert "2021上海-台北城市论坛以视频形式举行" in text
    assert "上合峰会" not in text  # the mayors' forum story is not in the filter


def test_hostile_stories_open_with_no_dialog_and_no_script_run(
    page: Page, site: tuple[str, list[int]], dialogs: list[str]
) -> None:
    base, hostile = site
    # The detector itself: the same payloads on a page without our escaping and CSP do run.
    unprotected = page.context.new_page()
    unprotected.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    unprotected.set_content(PAYLOADS[0] + PAYLOADS[1])
    unprotected.wait_for_function("window.xss >= 1")
    assert dialogs
    unprotected.close()
    dialogs.clear()
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text))
    for path in ["/?status=all", *(f"/stories/{story}" for story in hostile)]:
        page.goto(base + path)
        page.wait_for_load_state("load")
        for link in page.locator("a").all():
            href = link.get_attribute("href") or ""
            assert not href.lower().lstrip().startswith(("javascript", "data:text", "&#")), href
        details = page.locator("details.formatted")
        if details.count():
            details.locator("summary").click()  # open the cleaned HTML too
        assert page.evaluate("window.xss") is None
    assert dialogs == []
    print(f"{len(hostile) + 1} hostile pages: 0 dialogs, 0 script runs; console: {blocked or 'quiet'}")


def test_search_finds_either_script_from_the_other(page: Page, site: tuple[str, list[int]]) -> None:
    def titles_for(query: str) -> list[str]:
        page.goto(site[0] + "/")
        page.fill("header .search input[name=q]", query)
        with page.expect_navigation():
            page.press("header .search input[name=q]", "Enter")
        return page.locator("table.inbox td.title a").all_inner_texts()

    traditional_query = titles_for("雙城論壇")
    assert any("2023上海-台北城市论坛" in title for title in traditional_query)  # Simplified text found
    simplified_query = titles_for("双城论坛 十年")
    assert any("雙城論壇十年" in title for title in simplified_query)  # Traditional text found
    assert not any("上合峰会" in title for title in traditional_query)


def test_the_pages_fit_a_phone(page: Page, site: tuple[str, list[int]], tmp_path: Path) -> None:
    base, hostile = site
    page.set_viewport_size({"width": 390, "height": 844})
    story = page.locator("table.inbox tbody tr").first.get_attribute("data-story")
    shots = screenshot_dir(tmp_path)
    pages = {
        "inbox": "/",
        "story": f"/stories/{story}",
        "search": "/?status=all&q=双城论坛",
        "chart": "/chart",
        "hostile": f"/stories/{hostile[0]}",
    }
    for name, path in pages.items():
        page.goto(base + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path  # nothing sticks out
        page.screenshot(path=str(shots / f"{name}-390.png"), full_page=True)
        search = page.locator("header .search input[name=q]").bounding_box()
        assert search is not None
        assert search["x"] >= 0
        assert search["x"] + search["width"] <= 390
    # The inbox's table is wider than a phone: it scrolls in its box, the page does not.
    page.goto(base + "/")
    assert page.evaluate(
        "(() => { const box = document.querySelector('.table-scroll'); return box.scrollWidth > box.clientWidth; })()"
    )


def test_a_decision_is_undone_from_its_toast(page: Page, site: tuple[str, list[int]], tmp_path: Path) -> None:
    base = site[0]
    rows = page.locator("table.inbox tbody tr")
    first = rows.first.get_attribute("data-story")
    with page.expect_navigation():
        page.keyboard.press("l")  # later, from the inbox
    toast = page.locator(".toast[role=status]")
    assert "marked later" in toast.inner_text()
    assert page.locator(f'tr[data-story="{first}"]').count() == 0
    page.screenshot(path=str(screenshot_dir(tmp_path) / "toast.png"))
    with page.expect_navigation():
        page.keyboard.press("u")
    assert page.locator(f'tr[data-story="{first}"]').count() == 1
    assert "Undone" in toast.inner_text()

    # On a story: r decides and opens the next story; its toast's button brings the decision back.
    page.goto(f"{base}/stories/{first}")
    with page.expect_navigation():
        page.keyboard.press("r")
    assert page.url != f"{base}/stories/{first}"
    with page.expect_navigation():
        toast.get_by_role("button", name="Undo").click()
    assert page.url == f"{base}/stories/{first}"
    assert page.locator("form.review .status").inner_text().lower() == "new"
    toast.get_by_role("button", name="Close").click()
    assert toast.count() == 0
