"""Plugin settings: defaults, and every bad value reported in one message."""

import logging

import pytest

from news_lists.settings import news_lists_settings
from plugin_settings import PluginSettingsError


def test_defaults_fill_what_the_site_does_not_set():
    assert news_lists_settings({}) == {
        "RELATED_COUNT": 5,
        "RELATED_WINDOW": 40,
        "FEATURED_COUNT": 4,
    }


def test_every_bad_value_is_listed_at_once():
    with pytest.raises(PluginSettingsError) as error:
        news_lists_settings({"NEWS_LISTS_RELATED_COUNT": "5", "NEWS_LISTS_RELATED_WINDOW": 0})
    message = str(error.value)
    assert "2 bad NEWS_LISTS_* setting(s)" in message
    assert "NEWS_LISTS_RELATED_COUNT = '5': expected a whole number ≥ 0" in message
    assert "NEWS_LISTS_RELATED_WINDOW = 0: expected a whole number ≥ 1" in message


def test_user_settings_are_never_modified():
    user = {"NEWS_LISTS_FEATURED_COUNT": 2}
    news_lists_settings(user)
    assert user == {"NEWS_LISTS_FEATURED_COUNT": 2}


def test_an_unknown_setting_is_warned_about(caplog):
    with caplog.at_level(logging.WARNING):
        news_lists_settings({"NEWS_LISTS_RELATED": 3})
    assert "Unknown setting NEWS_LISTS_RELATED" in caplog.text
