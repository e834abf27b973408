# cc_precompiled_header: a header compiled once into a GCC precompiled header (.gch), for
# every C++ compilation of the workspace to load instead of parsing Eigen, Protobuf and
# Abseil again (about 4 of a typical file's 6 seconds).

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load("@bazel_tools//tools/cpp:toolchain_utils.bzl", "find_cpp_toolchain")

def _cc_precompiled_header_impl(ctx):
    cc_toolchain = find_cpp_toolchain(ctx)
    feature_configuration = cc_common.configure_features(
        ctx = ctx,
        cc_toolchain = cc_toolchain,
        requested_features = ctx.features,
        unsupported_features = ctx.disabled_features,
    )
    deps = cc_common.merge_cc_infos(cc_infos = [dep[CcInfo] for dep in ctx.attr.deps])
    header_deps = cc_common.merge_cc_infos(
        cc_infos = [deps] + [dep[CcInfo] for dep in ctx.attr.header_deps],
    )
    deps_context = header_deps.compilation_context

    # The header is copied next to its .gch under bazel-bin, where `-include` finds both
    # (the source tree has no file of that name, so the quote search reaches bazel-bin).
    header = ctx.actions.declare_file(ctx.label.name + "/" + ctx.file.header.basename)
    ctx.actions.expand_template(template = ctx.file.header, output = header, substitutions = {})
    gch = ctx.actions.declare_file(header.basename + ".gch", sibling = header)

    # Exactly the flags of the workspace's own C++ compilations (mode, --copt, --cxxopt,
    # PIC), or GCC would refuse the .gch and parse the header instead.
    variables = cc_common.create_compile_variables(
        feature_configuration = feature_configuration,
        cc_toolchain = cc_toolchain,
        user_compile_flags = ctx.fragments.cpp.copts + ctx.fragments.cpp.cxxopts + ctx.attr.copts,
        source_file = header.path,
        output_file = gch.path,
        use_pic = True,
        include_directories = deps_context.includes,
        quote_include_directories = depset(
            [".", ctx.bin_dir.path],
            transitive = [deps_context.quote_includes],
        ),
        system_include_directories = deps_context.system_includes,
        preprocessor_defines = deps_context.defines,
    )
    arguments = ["-x", "c++-header"] + cc_common.get_memory_inefficient_command_line(
        feature_configuration = feature_configuration,
        action_name = ACTION_NAMES.cpp_compile,
        variables = variables,
    )
    ctx.actions.run(
        executable = cc_common.get_tool_for_action(
            feature_configuration = feature_configuration,
            action_name = ACTION_NAMES.cpp_compile,
        ),
        arguments = arguments,
        env = cc_common.get_environment_variables(
            feature_configuration = feature_configuration,
            action_name = ACTION_NAMES.cpp_compile,
            variables = variables,
        ),
        inputs = depset(
            [header] + ctx.files.textual_hdrs,
            transitive = [deps_context.headers, cc_toolchain.all_files],
        ),
        outputs = [gch],
        mnemonic = "CppPrecompileHeader",
        progress_message = "Precompiling %s" % ctx.file.header.short_path,
    )
    own = CcInfo(compilation_context = cc_common.create_compilation_context(
        headers = depset([header, gch]),
    ))

    # header_deps give dependents their headers, not their code: a file that uses them
    # depends on them itself.
    headers_of_header_deps = CcInfo(compilation_context = deps_context)
    return [
        DefaultInfo(files = depset([header, gch])),
        cc_common.merge_cc_infos(cc_infos = [own, headers_of_header_deps, deps]),
    ]

cc_precompiled_header = rule(
    implementation = _cc_precompiled_header_impl,
    attrs = {
        "header": attr.label(allow_single_file = [".h"], mandatory = True),
        "textual_hdrs": attr.label_list(allow_files = [".h"]),
        "deps": attr.label_list(providers = [CcInfo]),
        "header_deps": attr.label_list(providers = [CcInfo]),
        "copts": attr.string_list(),
        "_cc_toolchain": attr.label(default = "@bazel_tools//tools/cpp:current_cc_toolchain"),
    },
    fragments = ["cpp"],
    toolchains = ["@bazel_tools//tools/cpp:toolchain_type"],
    incompatible_use_toolchain_transition = True,
    doc = """Compiles `header` (which may include `textual_hdrs`) into `<name>/<header>.gch` beside a copy `<name>/<header>`.
    Dependents compile with `-include <package>/<name>/<header>`: GCC loads the .gch when
    their flags match the ones it was made with, and otherwise parses the header, so a
    mismatch costs time, never correctness. The header must hold only headers whose meaning
    no macro of a dependent changes. `deps` are linked into dependents; `header_deps` only
    lend their headers (with include paths and defines).""",
)
