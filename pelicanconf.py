"""Settings for the ward portal: development builds (``invoke build`` / ``serve``).

publishconf.py imports everything here and changes only what publishing needs.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Plugins import each other's helpers (plugin_settings, vietnamese.text) by
# name, whichever folder Pelican is started from.
if str(HERE / "plugins") not in sys.path:
    sys.path.insert(0, str(HERE / "plugins"))

from vietnamese import SLUG_REGEX_SUBSTITUTIONS  # noqa: E402

SITENAME = "Cổng thông tin điện tử phường Bưởi"
SITE_SHORTNAME = "Phường Bưởi"
SITE_DESCRIPTION = "Tin tức, sự kiện và thông tin cơ sở của phường Bưởi, quận Tây Hồ, Hà Nội."
SITE_PUBLISHER = "Trung tâm Văn hóa, Thông tin và Thể thao quận Tây Hồ"
SITE_ADDRESS = "Phường Bưởi, quận Tây Hồ, thành phố Hà Nội"
SITEURL = ""
AUTHOR = "Trung tâm VHTT&TT Tây Hồ"

PATH = str(HERE / "content")
THEME = str(HERE / "theme")
OUTPUT_PATH = str(HERE / "output")
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%d/%m/%Y | %H:%M"

# Escape every value templates print; content HTML is marked |safe by name.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

PLUGIN_PATHS = [str(HERE / "plugins")]
PLUGINS = ["vietnamese", "markdown_figures", "news_lists"]

# The Markdown pipeline, in one place. Each of our extensions has a plugin
# that checks at start-up that it is listed here.
MARKDOWN = {
    "extension_configs": {
        "vietnamese.markdown_nfc": {},
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
        "markdown_figures.extension": {},
    },
    "output_format": "html5",
}

# What editors write, and where. Markdown only: the reStructuredText reader
# would only add a second syntax for editors to learn.
READERS = {"rst": None}
ARTICLE_PATHS = ["bai-viet"]
PAGE_PATHS = ["trang"]
STATIC_PATHS = ["images"]
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "Tin tức - Sự kiện"

# The categories of the portal, in menu order. The home page shows a block
# for each of HOME_CATEGORIES.
PORTAL_CATEGORIES = [
    "Tin tức - Sự kiện",
    "Thông tin cơ sở",
    "Xây dựng Đảng",
    "Văn hóa - Thể thao",
    "Giáo dục",
    "Y tế",
    "An ninh - Quốc phòng",
    "Du lịch",
]
HOME_CATEGORIES = PORTAL_CATEGORIES[:6]
HOME_LATEST_COUNT = 8

SLUG_REGEX_SUBSTITUTIONS = SLUG_REGEX_SUBSTITUTIONS
CATEGORY_REGEX_SUBSTITUTIONS = SLUG_REGEX_SUBSTITUTIONS
TAG_REGEX_SUBSTITUTIONS = SLUG_REGEX_SUBSTITUTIONS

# URLs (see PRODUCT.md). Article URLs carry no category, so moving a post
# to another category never breaks a link.
ARTICLE_URL = "bai-viet/{slug}/"
ARTICLE_SAVE_AS = "bai-viet/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "chuyen-muc/{slug}/"
CATEGORY_SAVE_AS = "chuyen-muc/{slug}/index.html"
CATEGORIES_URL = "chuyen-muc/"
CATEGORIES_SAVE_AS = "chuyen-muc/index.html"
TAG_URL = "the/{slug}/"
TAG_SAVE_AS = "the/{slug}/index.html"
TAGS_URL = "the/"
TAGS_SAVE_AS = "the/index.html"
ARCHIVES_URL = "luu-tru/"
ARCHIVES_SAVE_AS = "luu-tru/index.html"
YEAR_ARCHIVE_URL = "luu-tru/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "luu-tru/{date:%Y}/index.html"
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
# The source of a post is shown on it; per-author pages would only repeat
# the category pages.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DRAFT_URL = "ban-nhap/{slug}/"
DRAFT_SAVE_AS = "ban-nhap/{slug}/index.html"
DRAFT_PAGE_URL = "ban-nhap/trang/{slug}/"
DRAFT_PAGE_SAVE_AS = "ban-nhap/trang/{slug}/index.html"

# "404" is written to 404.html, Pelican's default for a direct template.
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "search", "albums", "404"]
SEARCH_URL = "tim-kiem/"
SEARCH_SAVE_AS = "tim-kiem/index.html"
ALBUMS_URL = "album/"
ALBUMS_SAVE_AS = "album/index.html"

DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"category": 10, "tag": 10}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)

# Summaries for lists: the editor's Summary, else the first paragraph.
SUMMARY_MAX_PARAGRAPHS = 1
SUMMARY_MAX_LENGTH = 60

# Feeds: whole site and one per category, announced on every page. Feeds
# need absolute addresses: in development the site lives on `invoke serve`.
FEED_DOMAIN = "http://127.0.0.1:8000"
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/chuyen-muc/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/chuyen-muc/{slug}.rss.xml"
FEED_ATOM = None
FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
FEED_MAX_ITEMS = 50

# Same input, same bytes: no timestamps or random order in the output.
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = []
LOAD_CONTENT_CACHE = False
RELATIVE_URLS = False

# Plugin settings: one section per plugin, each key prefixed with the
# plugin's name and validated when the build starts.
NEWS_LISTS_RELATED_COUNT = 5
NEWS_LISTS_FEATURED_COUNT = 4
