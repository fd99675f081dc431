"""``invoke serve`` is told of a save by the operating system (portal/watching.py)."""

import asyncio
import threading

from tornado.ioloop import IOLoop

from portal.watching import SaveWatcher


def test_a_save_runs_its_task_and_only_its_own(tmp_path):
    content, code = tmp_path / "content", tmp_path / "plugins"
    content.mkdir()
    code.mkdir()
    article = content / "bai.md"
    article.write_text("Title: Tin\n", encoding="utf-8")
    built, restarted = threading.Event(), threading.Event()
    watcher = SaveWatcher()
    watcher.watch(str(content / "**" / "*"), built.set)
    watcher.watch(str(code / "**" / "*.py"), restarted.set)
    watcher.watch(str(tmp_path / "not-there" / "**" / "*"), restarted.set)

    started = threading.Event()
    polling, loops = [], []

    def run_loop():
        asyncio.set_event_loop(asyncio.new_event_loop())
        loop = IOLoop.current()
        loops.append(loop)

        def start():
            # livereload polls every 0.8 s unless start() says it need not.
            polling.append(not watcher.start(watcher.examine))
            started.set()

        loop.add_callback(start)
        loop.start()

    thread = threading.Thread(target=run_loop, daemon=True)
    thread.start()
    try:
        assert started.wait(10) and polling == [False]
        assert not built.is_set()  # nothing saved yet: nothing built
        # The watcher's thread may not be watching yet when the first save
        # comes: save until one is seen (each wait ends at the event).
        for number in range(40):
            article.write_text(f"Title: Tin\n\nLần lưu {number}\n", encoding="utf-8")
            if built.wait(0.5):
                break
        assert built.is_set()
        assert not restarted.is_set()  # a content save is no code change
    finally:
        watcher.stop()
        loops[0].add_callback(loops[0].stop)
        thread.join(10)
