"""Benchmarks, run by ``invoke bench NAME``: each prints a ratio against a
baseline measured in the same run, never an absolute time to compare across
machines. ``benchmarks/<name>.py`` has a ``main(argv) -> int``."""
