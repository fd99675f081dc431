"""Read built pages as a browser would see their structure: links, images, scripts.

The helpers live in portal/htmlpages.py, where publish uses them to verify a
build before it goes live; the tests import them from here as before.
"""

from portal.htmlpages import Page, all_pages, read_page, target_file

__all__ = ["Page", "all_pages", "read_page", "target_file"]
