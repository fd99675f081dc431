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
# The same in English, for the frame of the English pages under /en/
# (plugins/theme_i18n: THEME_I18N_LOCALIZED lists the settings that need one).
SITENAME_EN = "Bưởi Ward Information Portal"
SITE_SHORTNAME_EN = "Bưởi Ward"
SITE_DESCRIPTION_EN = "News, events and local information of Bưởi Ward, Tây Hồ District, Hanoi."
SITE_PUBLISHER_EN = "Tây Hồ District Centre for Culture, Information and Sports"
SITE_ADDRESS_EN = "Bưởi Ward, Tây Hồ District, Hanoi"
# "Liên kết" in the footer: portals of related state agencies (Decree
# 42/2022/ND-CP asks every ward portal for them).
PORTAL_LINKS = [
    ("Cổng Thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/"),
    ("Cổng Giao tiếp điện tử thành phố Hà Nội", "https://hanoi.gov.vn/"),
    ("Cổng Thông tin điện tử quận Tây Hồ", "https://tayho.hanoi.gov.vn/"),
]
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
PLUGINS = [
    "vietnamese",
    "image_pipeline",  # before markdown_figures and photo_albums, which use its photos
    "photo_albums",
    "markdown_figures",
    "markdown_reuse",  # one Markdown object, reset between files: faster reading
    "build_speed",  # Pelican's O(n²) archives and repeated path work, taken out
    "news_lists",
    "view_counts",
    "news_feeds",
    "site_meta",  # canonical URL, Open Graph, JSON-LD; after image_pipeline
    "site_map",
    "legal_documents",
    "theme_i18n",  # the theme in the page's language: English frame under /en/
    # Its index is written in a fork while the other generators write; its
    # generator, the last of the plugins', waits for the fork, so they all
    # run meanwhile (the site map, the legal documents).
    "vn_search",
    "incremental_render",  # last: renders only pages whose content changed
]

# The Markdown pipeline, in one place. Each of our extensions has a plugin
# that checks at start-up that it is listed here.
MARKDOWN = {
    "extension_configs": {
        "vietnamese.markdown_nfc": {},
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
        "photo_albums.syntax": {},
        "markdown_figures.extension": {},
    },
    "output_format": "html5",
}

# What editors write, and where. Markdown only: the reStructuredText reader
# would only add a second syntax for editors to learn.
READERS = {"rst": None}
ARTICLE_PATHS = ["bai-viet"]
PAGE_PATHS = ["trang"]
# Photos (content/images, content/albums) are not static files: the
# image_pipeline plugin publishes renditions of them, never the originals.
# The files attached to legal documents are published as they are.
STATIC_PATHS = ["van-ban/tep"]
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
# Pages in another language (Lang: en) pair with the page they translate
# (Translates: <slug>, plugins/theme_i18n) and live under /en/.
PAGE_TRANSLATION_ID = "translation_key"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
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
# The album index (/album/) is written by the photo_albums plugin.
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "search", "404"]
SEARCH_URL = "tim-kiem/"
SEARCH_SAVE_AS = "tim-kiem/index.html"
ALBUMS_URL = "album/"

DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"category": 10, "tag": 10}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)

# Summaries for lists: the editor's Summary, else the first paragraph.
SUMMARY_MAX_PARAGRAPHS = 1
SUMMARY_MAX_LENGTH = 60

# Feeds: written by the news_feeds plugin (NEWS_FEEDS_* below), whole site
# and one per category, announced on every page. Pelican's own feeds are off.
# FEED_DOMAIN is the one base URL of every absolute address in the feeds: in
# development the site lives on `invoke serve`; publishconf.py sets SITEURL.
FEED_DOMAIN = "http://127.0.0.1:8000"
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
FEED_ATOM = None
FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

# Same input, same bytes: no timestamps or random order in the output.
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = []
LOAD_CONTENT_CACHE = False
RELATIVE_URLS = False

# Plugin settings: one section per plugin, each key prefixed with the
# plugin's name and validated when the build starts.
NEWS_LISTS_RELATED_COUNT = 5
NEWS_LISTS_FEATURED_COUNT = 4

# Feeds (plugins/news_feeds/settings.py has every NEWS_FEEDS_* setting): the
# latest 50 articles each; entry ids tag:<host of FEED_DOMAIN>,2023:<source
# path>, which must never change: after a move to a new domain, set
# NEWS_FEEDS_ID_AUTHORITY to the old host name.
NEWS_FEEDS_MAX_ITEMS = 50

# View counts come from the web server's logs: off while editing (the
# preview has no readers); publishconf.py turns them on.
VIEW_COUNTS_ENABLED = False

# Search (plugins/vn_search/settings.py has every VN_SEARCH_* setting): the
# index is written beside the search page, which the header box also uses.
VN_SEARCH_INDEX_PATH = "tim-kiem/index/"

# Photos (plugins/image_pipeline/settings.py and plugins/photo_albums/settings.py
# have every IMAGE_PIPELINE_* and PHOTO_ALBUMS_* setting). WebP beside JPEG;
# AVIF is left out: it costs several times WebP's encoding time (see the
# albums benchmark) for a small saving.
IMAGE_PIPELINE_FORMATS = ["webp"]
IMAGE_PIPELINE_WIDTHS = [480, 960, 1600]
PHOTO_ALBUMS_PER_PAGE = 12

# Link previews and structured data (plugins/site_meta/settings.py has every
# SITE_META_* setting) and the sitemap (plugins/site_map/settings.py): both
# build absolute addresses from FEED_DOMAIN, like the feeds. Articles share a
# 1200x630 crop of their lead photo, else theme/static/img/share-1200x630.png.
SITE_META_SHARE_SIZE = (1200, 630)
SITE_MAP_DISALLOW = ["/ban-nhap/", "/tim-kiem/"]

# Incremental builds (plugins/incremental_render): a page is rendered again
# only when what it shows changed; PORTAL_FULL_BUILD=1 in the environment (or
# `python -m portal.build --full`) renders everything.
INCREMENTAL_RENDER_ENABLED = True
