# Macros for GPU code: cuda_library compiles .cu.cc sources with the local nvcc, and
# rill_cuda_test/rill_cuda_binary wrap targets that only build under --config=cuda.

load("@local_cuda//:defs.bzl", "CUDA_AVAILABLE", "CUDA_PATH")
load("//tools:build_defs.bzl", "RILL_COPTS")

# Hopper (H100/H200) is sm_90.
CUDA_ARCH = "sm_90"

def cuda_compatible():
    """target_compatible_with value for targets that need CUDA."""
    return select({
        "//third_party/cuda:using_cuda": [],
        "//conditions:default": ["//third_party/cuda:cuda_not_enabled"],
    })

def cuda_library(name, srcs = [], cuda_srcs = [], hdrs = [], deps = [], **kwargs):
    """A library with host sources `srcs` and device sources `cuda_srcs` compiled by nvcc."""
    if not CUDA_AVAILABLE:
        return
    objects = []
    for src in cuda_srcs:
        obj = name + "_" + src.replace("/", "_").replace(".", "_") + ".o"
        native.genrule(
            name = obj + "_nvcc",
            srcs = [src] + hdrs,
            outs = [obj],
            cmd = ("%s/bin/nvcc -x cu -std=c++17 -O2 -Xcompiler -fPIC -arch=%s -I. -I$(GENDIR) " +
                   "-c $(location %s) -o $@") % (CUDA_PATH, CUDA_ARCH, src),
            target_compatible_with = cuda_compatible(),
        )
        objects.append(obj)
    native.cc_library(
        name = name,
        srcs = srcs + objects,
        hdrs = hdrs,
        copts = RILL_COPTS,
        deps = deps + ["@local_cuda//:cudart"],
        alwayslink = 1,
        target_compatible_with = cuda_compatible(),
        **kwargs
    )

def rill_cuda_test(name, deps = [], **kwargs):
    """A gtest that needs CUDA to build; it must GTEST_SKIP when no GPU is visible."""
    if not CUDA_AVAILABLE:
        return
    native.cc_test(
        name = name,
        copts = RILL_COPTS,
        deps = deps + ["@com_google_googletest//:gtest_main"],
        target_compatible_with = cuda_compatible(),
        **kwargs
    )

def rill_cuda_binary(name, deps = [], **kwargs):
    """A program that needs CUDA to build."""
    if not CUDA_AVAILABLE:
        return
    native.cc_binary(
        name = name,
        copts = RILL_COPTS,
        deps = deps,
        target_compatible_with = cuda_compatible(),
        **kwargs
    )
