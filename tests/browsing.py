"""What a browser test watches on a page."""


class PageProblems:
    """Console errors, uncaught exceptions and failed requests of one page."""

    def __init__(self, page):
        self.items: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.items.append(f"exception: {error}"))
        page.on("requestfailed", lambda r: self.items.append(f"failed: {r.url}"))
        page.on("response", self._response)

    def _console(self, message):
        if message.type == "error":
            self.items.append(f"console: {message.text}")

    def _response(self, response):
        if response.status >= 400:
            self.items.append(f"HTTP {response.status}: {response.url}")
