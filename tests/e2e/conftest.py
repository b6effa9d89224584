"""Browser tests: Debian's Chromium (/usr/bin/chromium) driven by Playwright against pytest-django's
live server. No browser is ever downloaded; every request that leaves 127.0.0.1 is blocked and
recorded, so a page that needs the internet fails its test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def pytest_collection_modifyitems(items) -> None:
    """Everything under tests/e2e is an e2e test, even if a module forgets the marker."""
    for item in items:
        if "/tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_context(live_server, tmp_path_factory) -> Iterator:
    """One Chromium for the session, with a fresh user-data-dir.

    It depends on ``live_server`` so that it closes first: the server's request threads
    then finish while the shared in-memory test database may still be used from them.
    """
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (scripts/dev test installs it)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread from here on; the
    # tests' own ORM calls stay synchronous, so Django's guard against ORM use inside a
    # running loop does not apply. (test_security drops the switch for its deploy check.)
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
        )
        context.set_default_timeout(15_000)
        yield context
        context.close()


class PageLog:
    """What a page did that a test may want to refuse: outside requests, console errors."""

    def __init__(self) -> None:
        self.outside: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


@pytest.fixture
def page(browser_context, live_server, page_log):
    """A new tab with no cookies; outside requests are aborted and logged in ``page_log``."""
    browser_context.clear_cookies()
    tab = browser_context.new_page()
    tab.set_viewport_size({"width": 1280, "height": 900})

    def guard(route) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            page_log.outside.append(route.request.url)
            route.abort()

    tab.route("**/*", guard)
    tab.on("console", lambda m: m.type == "error" and page_log.errors.append(m.text))
    tab.on("pageerror", lambda exc: page_log.errors.append(str(exc)))
    yield tab
    tab.close()
