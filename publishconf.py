"""Settings for publishing (``invoke publish``): absolute URLs, warnings fatal."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: F403

# The portal's public address: set it before the first publish.
SITEURL = "https://phuongbuoi.example.vn"
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

# "Lượt xem" and "Đọc nhiều" from the web server's access logs (combined
# format, plain or .gz, rotated files and several servers): counted once the
# paths are set, e.g. ["/var/log/nginx/access.log*", "/srv/logs/web2/*.gz"].
VIEW_COUNTS_ENABLED = True
VIEW_COUNTS_LOGS = []

# Drafts and scheduled posts. "Status: draft" is never published, and a post
# dated in the future is held back until a publish runs after its time:
# Pelican compares the post's date (Hanoi time, TIMEZONE) with the current
# time in UTC, so the machine's own clock zone does not matter.
WITH_FUTURE_DATES = False
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

# invoke publish: files every good build must contain (plugins add theirs,
# e.g. a search index) and extra verification steps ("module:function").
PORTAL_PUBLISH_REQUIRED_FILES = [
    "index.html",
    "404.html",
    "feeds/all.atom.xml",
    "feeds/all.rss.xml",
    VN_SEARCH_INDEX_PATH + "manifest.json",  # noqa: F405  (the search box needs it)
    "sitemap.xml",
    "robots.txt",
]
PORTAL_PUBLISH_VERIFY = []
# invoke deploy: where rsync copies the live site (a local folder, or
# user@host:/var/www/phuong-buoi/ over SSH).
PORTAL_DEPLOY_TARGET = ""
