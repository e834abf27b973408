# Build macros shared by every Rill package: common copts, tests and benchmarks.
# (The op-library macro that makes ops and plugins lives here too.)

RILL_COPTS = ["-Wextra", "-Wno-sign-compare", "-Wno-unused-parameter", "-Wno-missing-field-initializers"]

def rill_cc_library(name, copts = [], **kwargs):
    native.cc_library(name = name, copts = RILL_COPTS + copts, **kwargs)

def rill_cc_test(name, deps = [], copts = [], **kwargs):
    """One gtest binary per test file, linked against gtest_main."""
    native.cc_test(
        name = name,
        copts = RILL_COPTS + copts,
        deps = deps + ["@com_google_googletest//:gtest_main"],
        **kwargs
    )

def rill_cc_benchmark(name, deps = [], copts = [], tags = [], **kwargs):
    """A Google Benchmark binary; run it with `tools/bazel run //pkg:name` (opt by default)."""
    native.cc_binary(
        name = name,
        copts = RILL_COPTS + copts,
        deps = deps + ["@com_google_benchmark//:benchmark_main"],
        tags = tags + ["benchmark"],
        **kwargs
    )
