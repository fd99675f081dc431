"""One key per page, whatever variant of its URL a reader requested."""

from urllib.parse import unquote


def normalise_path(target: str) -> str:
    """'/bai-viet/X/index.html?utm=1' → '/bai-viet/X/' (also percent-decoded).

    Query strings, fragments, a missing trailing slash, 'index.html' and
    percent-encoding all name the same page.
    """
    path = target.split("?", 1)[0].split("#", 1)[0]
    path = unquote(path)
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    elif path.endswith("/index.htm"):
        path = path[: -len("index.htm")]
    if not path.endswith("/"):
        path += "/"
    while "//" in path:
        path = path.replace("//", "/")
    return path
