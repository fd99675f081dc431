"""What a browser test watches on a page."""


class PageProblems:
    """Console errors, uncaught exceptions and failed requests of one page."""

    def __init__(self, page):
        self.items: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.items.append(f"exception: {error}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, message):
        if message.type == "error":
            self.items.append(f"console: {message.text}")

    def _failed(self, request):
        # A photo still loading when the page replaces it (next page of
        # results, a closed lightbox) is aborted by the browser: not a fault.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.items.append(f"failed: {request.url} ({request.failure})")

    def _response(self, response):
        if response.status >= 400:
            self.items.append(f"HTTP {response.status}: {response.url}")
