"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents from plain entries.

Pure functions: the same channel and entries give the same bytes. No build
time anywhere: a feed's own date is its newest entry's.

python-feedgen traps worked around here:
- RSS's channel <link> is whatever link() was called last: rel="self" first.
- Atom entry links lose their ``rel`` and ``type`` (python-feedgen issues 135
  and 143), so an enclosure would turn into a second alternate link: Atom
  entry links are written by our own entry extension, never ``link()``.
- ``content(type='CDATA')`` writes an invalid Atom <content type="CDATA">:
  each format gets its own FeedGenerator and only RSS uses CDATA.
"""

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from .entries import Entry, plain_text

# The date of an empty feed: any fixed value keeps the output deterministic.
_EMPTY_FEED_DATE = datetime(2000, 1, 1, tzinfo=timezone(timedelta(hours=7)))
_GENERATOR = "Cổng thông tin phường (python-feedgen)"


@dataclass(frozen=True)
class Channel:
    id: str  # tag: URI of the feed, for Atom
    title: str
    description: str
    home_url: str  # the HTML page the feed follows
    self_url: str  # where this very feed is published
    author: str
    language: str


def feed_date(entries: list[Entry]) -> datetime:
    return max((e.updated for e in entries), default=_EMPTY_FEED_DATE)


def rss(channel: Channel, entries: list[Entry]) -> bytes:
    fg = _generator(channel, entries, "application/rss+xml")
    fg.load_extension("dc")
    fg.load_extension("media")
    fg.description(channel.description)
    for entry in entries:
        fe = _add_entry(fg, entry)
        fe.guid(entry.id, permalink=False)
        fe.description(entry.summary_html or entry.title)
        # CDATA keeps the HTML readable and smaller; "]]>" cannot go inside it.
        cdata = "]]>" not in entry.content_html
        fe.content(entry.content_html, type="CDATA" if cdata else None)
        # RSS <author> must be an e-mail address: the source goes in dc:creator.
        fe.dc.dc_creator(entry.author)
        if entry.image:
            fe.enclosure(entry.image.url, str(entry.image.length), entry.image.mime_type)
            _media_content(fe, entry)
    return fg.rss_str(pretty=True)


def atom(channel: Channel, entries: list[Entry]) -> bytes:
    fg = _generator(channel, entries, "application/atom+xml")
    fg.id(channel.id)
    fg.subtitle(channel.description)
    fg.load_extension("media")
    fg.register_extension("links", BaseExtension, _AtomLinks, atom=True, rss=False)
    for entry in entries:
        fe = _add_entry(fg, entry, link=False)
        fe.links.entry = entry
        fe.id(entry.id)
        if entry.summary_html:
            fe.summary(entry.summary_html, type="html")
        fe.content(entry.content_html, type="html")
        fe.author(name=entry.author)
        if entry.image:
            _media_content(fe, entry)
    return fg.atom_str(pretty=True)


def json_feed(channel: Channel, entries: list[Entry]) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": channel.title,
        "home_page_url": channel.home_url,
        "feed_url": channel.self_url,
        "description": channel.description,
        "language": channel.language,
        "authors": [{"name": channel.author}],
        "items": [_json_item(entry) for entry in entries],
    }
    text = json.dumps(document, ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


def _json_item(entry: Entry) -> dict:
    item = {
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "content_html": entry.content_html,
        "summary": plain_text(entry.summary_html),
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
        "authors": [{"name": entry.author}],
        "tags": [t.name for t in ([entry.category] if entry.category else []) + list(entry.tags)],
    }
    if entry.image:
        item["image"] = entry.image.url
        item["attachments"] = [
            {
                "url": entry.image.url,
                "mime_type": entry.image.mime_type,
                "size_in_bytes": entry.image.length,
            }
        ]
    return item


def _generator(channel: Channel, entries: list[Entry], mime_type: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.title(channel.title)
    fg.language(channel.language)
    fg.author(name=channel.author)
    fg.generator(_GENERATOR)
    fg.updated(feed_date(entries))
    # Order matters for RSS: its channel <link> is the last link() call.
    fg.link(href=channel.self_url, rel="self", type=mime_type)
    fg.link(href=channel.home_url, rel="alternate", type="text/html")
    return fg


def _add_entry(fg: FeedGenerator, entry: Entry, link: bool = True):
    # add_entry() prepends by default; order=append keeps newest first.
    fe = fg.add_entry(order="append")
    fe.title(entry.title)
    if link:
        fe.link(href=entry.url, rel="alternate", type="text/html")
    fe.published(entry.published)
    fe.updated(entry.updated)
    for term in ([entry.category] if entry.category else []) + list(entry.tags):
        fe.category(term=term.name, scheme=term.scheme, label=term.name)
    return fe


def _media_content(fe, entry: Entry) -> None:
    image = entry.image
    attributes = {
        "url": image.url,
        "type": image.mime_type,
        "medium": "image",
        "fileSize": str(image.length),
    }
    if image.width and image.height:
        attributes.update(width=str(image.width), height=str(image.height))
    fe.media.content(**attributes)


class _AtomLinks(BaseEntryExtension):
    """An Atom entry's alternate and enclosure links, with the ``rel`` and
    ``type`` that feedgen's link() drops."""

    def __init__(self):
        self.entry = None

    def extend_atom(self, element):
        entry = self.entry
        etree.SubElement(element, "link", rel="alternate", type="text/html", href=entry.url)
        if entry.image is not None:
            image = entry.image
            etree.SubElement(
                element,
                "link",
                rel="enclosure",
                type=image.mime_type,
                length=str(image.length),
                href=image.url,
            )
        return element
