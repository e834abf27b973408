# Build macros shared by every Rill package: common copts, precompiled headers, tests and
# benchmarks. (The op-library macro that makes ops and plugins lives here too.)

RILL_COPTS = ["-Wextra", "-Wno-sign-compare", "-Wno-unused-parameter", "-Wno-missing-field-initializers"]

# Every compilation through these macros starts from a precompiled header (//tools/pch):
# the third-party headers, parsed once per build instead of once per file.
_PCH = struct(
    target = "//tools/pch",
    copts = ["-include", "tools/pch/pch/precompiled.h"],
)
# Test sources compile unoptimized (the code under test is in optimized libraries): most of
# a test's compile time was optimizing gtest and gmock templates. Their header is
# precompiled with the same flags.
_TEST_PCH = struct(
    target = "//tools/pch:test_pch",
    copts = ["-O0", "-U_FORTIFY_SOURCE", "-include", "tools/pch/test_pch/precompiled_test.h"],
)

def rill_cc_library(name, copts = [], deps = [], **kwargs):
    native.cc_library(
        name = name,
        copts = _PCH.copts + RILL_COPTS + copts,
        deps = deps + [_PCH.target],
        **kwargs
    )

def rill_cc_test(name, deps = [], copts = [], **kwargs):
    """One gtest binary per test file, linked against gtest_main."""
    native.cc_test(
        name = name,
        copts = _TEST_PCH.copts + RILL_COPTS + copts,
        deps = deps + [_TEST_PCH.target, "@com_google_googletest//:gtest_main"],
        **kwargs
    )

def rill_cc_benchmark(name, deps = [], copts = [], tags = [], **kwargs):
    """A Google Benchmark binary; run it with `tools/bazel run //pkg:name` (opt by default)."""
    native.cc_binary(
        name = name,
        copts = _PCH.copts + RILL_COPTS + copts,
        deps = deps + [_PCH.target, "@com_google_benchmark//:benchmark_main"],
        tags = tags + ["benchmark"],
        **kwargs
    )

def _cc_headers_only_impl(ctx):
    merged = cc_common.merge_cc_infos(cc_infos = [dep[CcInfo] for dep in ctx.attr.deps])

    # Keep the deps' link flags (-labsl_*, -lprotobuf: shared system libraries, one copy per
    # process anyway) but none of their objects or archives.
    link_flags = []
    for linker_input in merged.linking_context.linker_inputs.to_list():
        for flag in linker_input.user_link_flags:
            if flag != "-rdynamic" and flag not in link_flags:
                link_flags.append(flag)
    linker_input = cc_common.create_linker_input(
        owner = ctx.label,
        user_link_flags = depset(link_flags),
    )
    return [CcInfo(
        compilation_context = merged.compilation_context,
        linking_context = cc_common.create_linking_context(linker_inputs = depset([linker_input])),
    )]

cc_headers_only = rule(
    implementation = _cc_headers_only_impl,
    attrs = {"deps": attr.label_list(providers = [CcInfo])},
    doc = """The headers (generated .pb.h included), include paths, defines and link flags
    of `deps`, without their code: what a plugin links with so that it uses the core already
    in the process instead of carrying a second copy of its registries.""",
)

def rill_op_library(
        name,
        srcs,
        hdrs = [],
        deps = [],
        copts = [],
        builders = True,
        visibility = None,
        **kwargs):
    """Ops and kernels as a static library and as a plugin, from one compilation.

    `name`: a cc_library (alwayslink) to link into programs.
    `lib<name>.so`: the same objects as a shared object for LoadLibrary(). It links the
    library's own archive and none of `deps`' code; the core's symbols come from the
    program loading it, which must link the core with alwayslink and -rdynamic
    (//core/runtime:load_library adds -rdynamic).
    `builders` (default True): `name` also holds the generated C++ builders of the
    library's ops, header `<package>/<name>.h` (see _rill_op_builders). Set it to False for
    a library that registers no ops or is not meant to load (LoadLibrary's test fixtures);
    kernel-only libraries may set it to skip generating an empty header.
    """
    label = "//%s:%s" % (native.package_name(), name)

    # The library's own sources, compiled once for both the programs and the plugin (with
    # builders they sit in `<name>_sources`, which `name` wraps with the builders).
    sources = name + "_sources" if builders else name
    rill_cc_library(
        name = sources,
        srcs = srcs,
        hdrs = hdrs,
        deps = deps,
        copts = copts + ["-DRILL_KERNEL_PROVIDER='\"%s\"'" % label],
        alwayslink = 1,
        # No implicit lib<name>.so from the library itself: that name is the plugin's.
        linkstatic = 1,
        visibility = ["//visibility:private"] if builders else visibility,
        **kwargs
    )
    if builders:
        _rill_op_builders(name, label, deps, kwargs)
        rill_cc_library(
            name = name,
            srcs = [name + "_builders.cc"],
            hdrs = [name + ".h"],
            deps = [":" + sources, "//core/client:scope"],
            linkstatic = 1,
            visibility = visibility,
            **kwargs
        )
    cc_headers_only(
        name = name + "_plugin_link_flags",
        deps = deps,
        visibility = ["//visibility:private"],
    )

    # Without builders nothing in the build needs the plugin, so `//...` skips it (it is
    # built on demand: `tools/bazel build //pkg:lib<name>.so`, or as a test's data).
    plugin_kwargs = dict(kwargs)
    if not builders:
        plugin_kwargs["tags"] = kwargs.get("tags", []) + ["manual"]

    # An alwayslink archive in srcs is linked whole: every registration is kept.
    native.cc_binary(
        name = "lib%s.so" % name,
        srcs = [":" + sources],
        deps = [":%s_plugin_link_flags" % name],
        linkshared = 1,
        visibility = visibility,
        **plugin_kwargs
    )

def paths_join(package, file):
    """`package`/`file`, or `file` alone in the root package."""
    return "%s/%s" % (package, file) if package else file

def _rill_op_builders(name, label, deps, kwargs):
    """Generates `<name>.h` and `<name>_builders.cc`: builders for the ops `lib<name>.so` registers.

    Which ops are the library's own: the generator binary links the library's `deps`
    normally (so every op they register is already there) and then loads the library's
    plugin, which holds only its own sources; OpRegistry's capture during LoadLibrary
    reports exactly the ops those sources register. Nothing is compared by hand, and the
    plugin is proven loadable on every build. Consequently a library's own sources cannot
    use its generated builders (put such code, e.g. composites, in a target depending on
    this one). Both binaries are built in the target configuration (genrule `srcs`, not
    `tools`) so that the core is compiled once; this assumes the build runs where it
    targets, as every Rill build does.
    """
    common = {k: kwargs[k] for k in ("testonly", "tags") if k in kwargs}
    native.cc_binary(
        name = name + "_op_gen",
        deps = deps + ["//tools/op_gen:op_gen_main"],
        visibility = ["//visibility:private"],
        **common
    )
    native.genrule(
        name = name + "_gen_builders",
        srcs = [":lib%s.so" % name, ":%s_op_gen" % name],
        outs = [name + ".h", name + "_builders.cc"],
        cmd = " ".join([
            "$(location :%s_op_gen)" % name,
            "--plugin=$(location :lib%s.so)" % name,
            "--header_out=$(location %s.h)" % name,
            "--source_out=$(location %s_builders.cc)" % name,
            "--header_path=%s" % paths_join(native.package_name(), name + ".h"),
            "--label=%s" % label,
        ]),
        visibility = ["//visibility:private"],
        **common
    )
