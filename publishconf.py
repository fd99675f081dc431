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
