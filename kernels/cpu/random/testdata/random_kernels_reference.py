# Reference for kernels/cpu/random's tests and ops/random's composite tests: what
# TensorFlow's random kernels and Python functions compute, from the stream algorithms of
# core/random/testdata/philox_reference.py (imported, not copied).
# Usage: python3 random_kernels_reference.py  (prints every expected value the tests paste in).
import math
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "..", "core", "random", "testdata"))
from philox_reference import (Single, bf16_bits, doubles, f32, fill, floats, fresh,  # noqa: E402
                              half_bits, normal_double, normal_float, truncated_double,
                              truncated_float, u64_to_double, uniform_bf16_bits, uniform_double,
                              uniform_float, uniform_half_bits, uniform_int32, uniform_int64)

RESERVED = 256  # samples reserved per output element and per call


def call(seed, seed2, calls_before_sizes):
    """The generator of a kernel's call after calls that reserved the given output counts."""
    return fresh(seed, seed2, sum(n * RESERVED for n in calls_before_sizes))


def group(seed, seed2, dist, g):  # output group g of a fixed-sample distribution, first call
    return dist(fresh(seed, seed2, g))


def truncated_group(seed, seed2, dist, group_size, g):  # group g of a truncated normal
    return dist(Single(fresh(seed, seed2, g * group_size * RESERVED // 4)))


def shuffle(n, seed, seed2, skip):
    s = Single(fresh(seed, seed2, skip))
    perm = list(range(n))
    for i in range(n - 1):
        j = i + s() % (n - i)
        perm[i], perm[j] = perm[j], perm[i]
    return perm


def multinomial(logits, num_samples, seed, seed2, skip):
    s = Single(fresh(seed, seed2, skip))
    out = []
    for row in logits:
        finite = [x for x in row if math.isfinite(x)]
        top = max(finite) if finite else -math.inf
        total, cdf = 0.0, []
        for x in row:
            if math.isfinite(x):
                total += math.exp(x - top)
            cdf.append(total)
        samples = []
        for _ in range(num_samples):
            target = u64_to_double(s(), s()) * total
            samples.append(next((k for k, c in enumerate(cdf) if c > target), len(cdf)))
        out.append(samples)
    return out


def gamma(alpha, gen):
    uniforms, normals = [], []

    def uniform():
        if not uniforms:
            uniforms.extend(uniform_double(gen))
        return uniforms.pop()

    def normal():
        if not normals:
            normals.extend(normal_double(gen))
        return normals.pop()

    if alpha == 1.0:
        return -math.log(1.0 - uniform())
    d = alpha + (2.0 / 3 if alpha < 1 else -1.0 / 3)
    c = 1.0 / 3 / math.sqrt(d)
    while True:
        x = normal()
        v = 1 + c * x
        if v <= 0:
            continue
        v = v * v * v
        u = uniform()
        if u < 1 - 0.0331 * (x * x) * (x * x) or math.log(u) < 0.5 * x * x + d * (1 - v + math.log(v)):
            res = d * v
            if alpha < 1:
                res *= math.pow(uniform(), 1 / alpha)
            return res


def random_gamma(alphas, samples_per_alpha, seed, seed2, skip):
    """Output [samples_per_alpha, len(alphas)] flattened; sample i = a * spa + s."""
    out = [0.0] * (samples_per_alpha * len(alphas))
    for a, alpha in enumerate(alphas):
        for s in range(samples_per_alpha):
            i = a * samples_per_alpha + s
            out[s * len(alphas) + a] = gamma(alpha, fresh(seed, seed2, skip + i * RESERVED))
    return out


def f32s(values):
    return [f32(v) for v in values]


def affine(values, scale, shift):  # float32 rnd * scale + shift, rounded at each step
    return [f32(f32(v * f32(scale)) + f32(shift)) for v in values]


if __name__ == "__main__":
    print("== random_op_test")
    print("uniform float [10] (5, 7) call 1", floats(fill(call(5, 7, []), uniform_float, 4, 10, False)))
    print("uniform float [10] (5, 7) call 2", floats(fill(call(5, 7, [10]), uniform_float, 4, 10, False)))
    print("uniform double [5] (5, 7)", doubles(fill(call(5, 7, []), uniform_double, 2, 5, False)))
    print("uniform half [6] (5, 7)", ", ".join("0x%04x" % b for b in fill(call(5, 7, []), uniform_half_bits, 4, 6, False)))
    print("uniform bf16 [6] (5, 7)", ", ".join("0x%04x" % b for b in fill(call(5, 7, []), uniform_bf16_bits, 4, 6, False)))
    print("normal float [10] (5, 7)", floats(fill(call(5, 7, []), normal_float, 4, 10, False)))
    print("normal double [5] (5, 7)", doubles(fill(call(5, 7, []), normal_double, 2, 5, False)))
    print("normal half [6] (5, 7)", ", ".join("0x%04x" % half_bits(v) for v in fill(call(5, 7, []), normal_float, 4, 6, False)))
    print("truncated float [10] (87654321, 0)", floats(fill(call(87654321, 0, []), truncated_float, 4, 10, True)))
    print("truncated float [10] (87654321, 0) call 2", floats(fill(call(87654321, 0, [10]), truncated_float, 4, 10, True)))
    print("truncated double [5] (87654321, 5)", doubles(fill(call(87654321, 5, []), truncated_double, 2, 5, True)))
    print("int32 [-10, 10) [10] (5, 7)", fill(call(5, 7, []), lambda g: uniform_int32(g, -10, 10), 4, 10, False))
    print("int64 [-2^40, 2^40 + 3) [5] (5, 7)", fill(call(5, 7, []), lambda g: uniform_int64(g, -2**40, 2**40 + 3), 2, 5, False))
    for g in [0, 12500, 25000]:
        print("normal float [100003] (5, 7) group", g, floats(group(5, 7, normal_float, g)))
        print("truncated float [100003] (5, 7) group", g, floats(truncated_group(5, 7, truncated_float, 4, g)))

    print("== random_shuffle_op_test")
    print("shuffle 10 (5, 7) call 1", shuffle(10, 5, 7, 0))
    print("shuffle 10 (5, 7) call 2", shuffle(10, 5, 7, (9 + 3) // 4))
    print("shuffle 5 (5, 7)", shuffle(5, 5, 7, 0))

    print("== multinomial_op_test")
    logits = [[0.0, math.log(2.0), math.log(3.0), -math.inf],
              [5.0, 5.0, -math.inf, 5.0],
              [-1.0, 2.0, 0.5, 0.25]]
    print("multinomial 3x4, 6 samples (5, 7) call 1", multinomial(logits, 6, 5, 7, 0))
    print("multinomial 3x4 float32 logits, 6 samples (5, 7) call 1",
          multinomial([[f32(x) for x in row] for row in logits], 6, 5, 7, 0))
    print("multinomial 3x4, 6 samples (5, 7) call 2", multinomial(logits, 6, 5, 7, 3 * 8 * 2 * RESERVED))
    wide = [[math.sin(r * 7 + k) * 3 for k in range(10)] for r in range(64)]
    rows = multinomial([[f32(x) for x in row] for row in wide], 5, 5, 7, 0)
    print("multinomial 64x10 float sin logits, 5 samples (5, 7) rows 0, 31, 63", rows[0], rows[31], rows[63])

    print("== random_gamma_op_test")
    print("gamma float alpha [0.5, 1, 3] shape [4] (5, 7)", floats(random_gamma([0.5, 1.0, 3.0], 4, 5, 7, 0)))
    print("gamma double alpha [0.5, 1, 3] shape [4] (5, 7)", doubles(random_gamma([0.5, 1.0, 3.0], 4, 5, 7, 0)))
    print("gamma float call 2", floats(random_gamma([0.5, 1.0, 3.0], 4, 5, 7, 12 * RESERVED)))
    print("gamma half alpha [0.25, 2] shape [3] (5, 7)", ", ".join(
        "0x%04x" % half_bits(f32(v)) for v in random_gamma([0.25, 2.0], 3, 5, 7, 0)))

    print("== random_composites_test (ops/random)")
    for seed, seed2, skip in [(87654321, 2, 0), (87654321, 2, 256), (2, 3, 0), (2, 10, 0)]:
        v = affine(uniform_float(fresh(seed, seed2, skip)), 20.0, -10.0)[0]
        print("random_uniform([], -10, 10) seeds", seed, seed2, "skip", skip, "=", floats([v]), repr(v))
    print("random_normal([2, 3], 1, 2, seed=7)",
          floats(affine(fill(fresh(87654321, 7), normal_float, 4, 6, False), 2.0, 1.0)))
    print("truncated_normal([2, 3], -1, 0.5, seed=7)",
          floats(affine(fill(fresh(87654321, 7), truncated_float, 4, 6, True), 0.5, -1.0)))
    print("random_uniform([5], -3, 4, int32, seed=9)",
          fill(fresh(87654321, 9), lambda g: uniform_int32(g, -3, 4), 4, 5, False))
    print("random_uniform([3], float64, seed=4) in [0, 1)",
          doubles([u * 1.0 + 0.0 for u in fill(fresh(87654321, 4), uniform_double, 2, 3, False)]))
    print("random_shuffle(range(6), seed=5)", shuffle(6, 87654321, 5, 0))
    print("multinomial([[1, 2, 3]], 4, seed=5)", multinomial([[1.0, 2.0, 3.0]], 4, 87654321, 5, 0))
    x = fill(fresh(87654321, 3), lambda g: uniform_int32(g, 0, 2**31 - 1), 4, 2, False)
    print("random_crop(5x4, [2, 3], seed=3) offset", [x[0] % 4, x[1] % 2], "from", x)

    print("== initializers_test (ops/random)")
    limit = math.sqrt(3.0 * (1.0 / max(1.0, (3 + 4) / 2.0)))
    span = f32(f32(limit) - f32(-limit))
    print("glorot_uniform [3, 4] seed 1: limit", floats([limit]), "values",
          floats(affine(fill(fresh(87654321, 1), uniform_float, 4, 12, False), span, -limit)))
    stddev = math.sqrt(1.0 / max(1.0, (4 + 6) / 2.0)) / .87962566103423978
    print("glorot_normal [4, 6] seed 2: stddev", floats([stddev]), "values 0..3",
          floats(affine(fill(fresh(87654321, 2), truncated_float, 4, 24, True), stddev, 0.0)[:4]))
    print("variance_scaling(2, fan_out, untruncated) [3, 3, 16, 32]: stddev",
          floats([math.sqrt(2.0 / max(1.0, 3 * 3 * 32.0))]))
    print("variance_scaling(1, fan_in, truncated) [5]: stddev",
          floats([math.sqrt(1.0 / 5) / .87962566103423978]))
    print("random_uniform_initializer(0, 10) int32 [4] seed 6",
          fill(fresh(87654321, 6), lambda g: uniform_int32(g, 0, 10), 4, 4, False))
