"""Screenshots of each role's main page, for the README: a newcomer sees the product before installing it.

Run against a demo that is being served (`make demo`, then in another shell):

    .venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8000 --out docs/screenshots

Each demo user signs in, reads their home page in English and Japanese, at a desktop's 1280 px and a
phone's 390 px. Needs Debian's Chromium (/usr/bin/chromium) and Playwright's Python package.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
DEMO_PASSWORD = "kakehashi-demo"
# The demo's users and the page each of them opens first (their home, which differs by role).
ROLES = ("coordinator", "jte", "alt", "board", "applicant")
WIDTHS = (1280, 390)
LANGUAGES = ("ja", "en")


def capture(browser: Browser, url: str, user: str, language: str, width: int, out: Path) -> Path:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", user)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{url}/")
    switch = page.locator(f"button[name=language][value={language}]")
    if switch.count():
        with page.expect_navigation():
            switch.first.click()
    path = out / f"{user}-{language}-{width}.png"
    page.screenshot(path=str(path), full_page=False)
    page.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        for user in ROLES:
            for language in LANGUAGES:
                for width in WIDTHS:
                    print(capture(browser, args.url.rstrip("/"), user, language, width, args.out))
        browser.close()


if __name__ == "__main__":
    main()
