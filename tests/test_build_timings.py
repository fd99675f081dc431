"""``python -m portal.build --timings``: one line per generator step, read back by benchmarks."""

from portal.timings import format_line, parse_lines, wrap_generator


class FakeGenerator:
    def __init__(self):
        self.calls = []

    def generate_context(self):
        self.calls.append("context")

    def generate_output(self, writer):
        self.calls.append(("output", writer))
        return "written"


def test_steps_still_run_and_each_prints_its_time(capsys):
    generator = FakeGenerator()
    wrap_generator(generator)
    generator.generate_context()
    assert generator.generate_output("w") == "written"
    assert generator.calls == ["context", ("output", "w")]
    times = parse_lines(capsys.readouterr().err)
    assert set(times) == {"FakeGenerator.generate_context", "FakeGenerator.generate_output"}
    # Wrapped on the instance only: another generator of the class is untouched.
    FakeGenerator().generate_context()
    assert capsys.readouterr().err == ""


def test_timing_lines_are_read_back_among_other_output():
    log = "\n".join(
        [
            "CẢNH BÁO (warning): something about a file",
            format_line("SearchIndexGenerator", "generate_output", 12.345),
            format_line("NewsFeedsGenerator", "generate_output", 1.5),
            format_line("NewsFeedsGenerator", "generate_output", 0.5),
            "Done: Processed 5000 articles in 40.00 seconds.",
        ]
    )
    assert parse_lines(log) == {
        "SearchIndexGenerator.generate_output": 12.35,
        "NewsFeedsGenerator.generate_output": 2.0,
    }
