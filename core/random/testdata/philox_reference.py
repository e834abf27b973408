# Reference for core/random's tests: TensorFlow's Philox4x32-10 streams, conversions and
# distributions, rewritten from the algorithms in plain Python (float32 math through libm's
# logf/sqrtf/sincosf via ctypes, as TensorFlow's CPU kernels call them on Linux).
# Usage: python3 philox_reference.py  (prints every expected value the tests paste in).
import ctypes
import math
import struct

libm = ctypes.CDLL("libm.so.6")
libm.logf.restype, libm.logf.argtypes = ctypes.c_float, [ctypes.c_float]
libm.sqrtf.restype, libm.sqrtf.argtypes = ctypes.c_float, [ctypes.c_float]
libm.log.restype, libm.log.argtypes = ctypes.c_double, [ctypes.c_double]
FP, DP = ctypes.POINTER(ctypes.c_float), ctypes.POINTER(ctypes.c_double)
libm.sincosf.argtypes = [ctypes.c_float, FP, FP]
libm.sincos.argtypes = [ctypes.c_double, DP, DP]
M32 = 0xFFFFFFFF


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def f32_bits(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]


def f64_bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def half_bits(x):  # IEEE binary16, round to nearest even
    return struct.unpack("<H", struct.pack("<e", x))[0]


def bf16_bits(x):  # bfloat16 from float32, round to nearest even
    b = f32_bits(f32(x))
    return ((b + 0x7FFF + ((b >> 16) & 1)) >> 16) & 0xFFFF


def philox(ctr, key):  # Philox4x32-10 block function
    c, k = list(ctr), list(key)
    for _ in range(10):
        p0, p1 = 0xD2511F53 * c[0], 0xCD9E8D57 * c[2]
        c = [((p1 >> 32) ^ c[1] ^ k[0]) & M32, p1 & M32, ((p0 >> 32) ^ c[3] ^ k[1]) & M32, p0 & M32]
        k = [(k[0] + 0x9E3779B9) & M32, (k[1] + 0xBB67AE85) & M32]
    return c


class Gen:  # PhiloxRandom(seed, seed2): key = seed, counter = seed2 << 64
    def __init__(self, seed, seed2):
        seed, seed2 = seed % 2**64, seed2 % 2**64
        self.key = [seed & M32, seed >> 32]
        self.ctr = seed2 << 64

    def skip(self, n):
        self.ctr = (self.ctr + n) % 2**128

    def __call__(self):
        out = philox([(self.ctr >> (32 * i)) & M32 for i in range(4)], self.key)
        self.skip(1)
        return out


class Single:  # SingleSampleAdapter: one word at a time
    def __init__(self, gen):
        self.gen, self.buf = gen, []

    def __call__(self):
        if not self.buf:
            self.buf = self.gen()
        return self.buf.pop(0)


def u32_to_float(x):
    return struct.unpack("<f", struct.pack("<I", (127 << 23) | (x & 0x7FFFFF)))[0] - 1.0


def u64_to_double(x0, x1):
    bits = (1023 << 52) | ((x0 & 0xFFFFF) << 32) | x1
    return struct.unpack("<d", struct.pack("<Q", bits))[0] - 1.0


def u16_to_half_bits(x):
    return half_bits(struct.unpack("<e", struct.pack("<H", (15 << 10) | (x & 0x3FF)))[0] - 1.0)


def u16_to_bf16_bits(x):
    bits = ((127 << 7) | (x & 0x7F)) << 16
    return bf16_bits(struct.unpack("<f", struct.pack("<I", bits))[0] - 1.0)


def box_muller_float(x0, x1):
    u1 = max(u32_to_float(x0), f32(1e-7))
    v1 = f32(2.0 * math.pi * u32_to_float(x1))
    u2 = libm.sqrtf(f32(-2.0 * libm.logf(u1)))
    s, c = ctypes.c_float(), ctypes.c_float()
    libm.sincosf(v1, ctypes.byref(s), ctypes.byref(c))
    return f32(s.value * u2), f32(c.value * u2)


def box_muller_double(x0, x1, x2, x3):
    u1 = max(u64_to_double(x0, x1), 1e-7)
    v1 = 2.0 * math.pi * u64_to_double(x2, x3)
    u2 = math.sqrt(-2.0 * libm.log(u1))
    s, c = ctypes.c_double(), ctypes.c_double()
    libm.sincos(v1, ctypes.byref(s), ctypes.byref(c))
    return s.value * u2, c.value * u2


def wrap(v, bits):  # two's complement
    v %= 1 << bits
    return v - (1 << bits) if v >> (bits - 1) else v


# Distributions: one group per call (fixed-sample) or per adapter (truncated normal).
def uniform_float(g):
    return [u32_to_float(x) for x in g()]


def uniform_double(g):
    s = g()
    return [u64_to_double(s[0], s[1]), u64_to_double(s[2], s[3])]


def uniform_half_bits(g):
    return [u16_to_half_bits(x & 0xFFFF) for x in g()]


def uniform_bf16_bits(g):
    return [u16_to_bf16_bits(x & 0xFFFF) for x in g()]


def uniform_int32(g, lo, hi):
    return [wrap(lo + x % ((hi - lo) % 2**32), 32) for x in g()]


def uniform_int64(g, lo, hi):
    s = g()
    return [wrap(lo + (s[2 * i] | s[2 * i + 1] << 32) % ((hi - lo) % 2**64), 64) for i in range(2)]


def normal_float(g):
    s = g()
    return [*box_muller_float(s[0], s[1]), *box_muller_float(s[2], s[3])]


def normal_double(g):
    return list(box_muller_double(*g()))


def truncated_float(single):
    out = []
    while True:
        for v in box_muller_float(single(), single()):
            if abs(v) < 2.0:
                out.append(v)
                if len(out) == 4:
                    return out


def truncated_double(single):
    out = []
    while True:
        for v in box_muller_double(single(), single(), single(), single()):
            if abs(v) < 2.0:
                out.append(v)
                if len(out) == 2:
                    return out


def fill(gen, dist, group, size, variable):
    """TensorFlow's FillPhiloxRandom on one thread, from generator `gen`."""
    out, base = [], gen.ctr
    for g in range((size + group - 1) // group):
        if variable:  # each group at word g * group * 256, fresh adapter
            gen.ctr = (base + g * group * 256 // 4) % 2**128
            out.extend(dist(Single(gen)))
        else:
            out.extend(dist(gen))
    return out[:size]


def hexs(words):
    return ", ".join("0x%08x" % w for w in words)


def floats(values):
    return ", ".join("0x%08x" % f32_bits(v) for v in values)


def doubles(values):
    return ", ".join("0x%016x" % f64_bits(v) for v in values)


def fresh(seed, seed2, skip=0):
    g = Gen(seed, seed2)
    g.skip(skip)
    return g


if __name__ == "__main__":
    print("== philox_random_test")
    print("kat zero", hexs(philox([0] * 4, [0, 0])))
    print("kat ones", hexs(philox([M32] * 4, [M32, M32])))
    print("kat pi", hexs(philox([0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344],
                                [0xA4093822, 0x299F31D0])))
    for seed, seed2 in [(0, 0), (87654321, 2), (0x0123456789ABCDEF, 0xFEDCBA9876543210), (-1, -2)]:
        g = Gen(seed, seed2)
        print("seeds", seed, seed2, "|", " | ".join(hexs(g()) for _ in range(3)))
    g = Gen(0, 0)
    g.ctr = 0xFFFFFFFF_FFFFFFFF_FFFFFFFF_FFFFFFFE
    g.skip(3)
    print("skip wraps to counter", hexs([(g.ctr >> (32 * i)) & M32 for i in range(4)]))

    print("== random_distributions_test")
    print("u32->float", floats([u32_to_float(x) for x in [0, 1, 0x7FFFFF, 0x12345678, M32]]))
    print("u64->double", doubles([u64_to_double(a, b) for a, b in
                                  [(0, 0), (0, 1), (0x12345678, 0x9ABCDEF0), (M32, M32)]]))
    print("u16->half", ", ".join("0x%04x" % u16_to_half_bits(x) for x in [0, 1, 0x3FF, 0x1234, 0xFFFF]))
    print("u16->bf16", ", ".join("0x%04x" % u16_to_bf16_bits(x) for x in [0, 1, 0x7F, 0x1234, 0xFFFF]))
    print("box-muller float", floats(box_muller_float(0x12345678, 0x9ABCDEF0)),
          "| eps", floats(box_muller_float(0, 0x40000000)))
    print("box-muller double", doubles(box_muller_double(0x12345678, 0x9ABCDEF0, 0x0FEDCBA9, 0x87654321)),
          "| eps", doubles(box_muller_double(0, 0, 0, 0)))
    g = fresh(87654321, 2)
    print("uniform float", floats(uniform_float(g) + uniform_float(g)))
    g = fresh(87654321, 2)
    print("uniform double", doubles(uniform_double(g) + uniform_double(g)))
    g = fresh(87654321, 2)
    print("uniform half", ", ".join("0x%04x" % b for b in uniform_half_bits(g)))
    g = fresh(87654321, 2)
    print("uniform bf16", ", ".join("0x%04x" % b for b in uniform_bf16_bits(g)))
    g = fresh(87654321, 2)
    print("uniform int32 [-10, 10)", uniform_int32(g, -10, 10) + uniform_int32(g, -10, 10))
    g = fresh(87654321, 2)
    print("uniform int32 full", uniform_int32(g, -2**31, 2**31 - 1))
    g = fresh(87654321, 2)
    print("uniform int64", uniform_int64(g, -2**40, 2**40 + 3) + uniform_int64(g, -2**40, 2**40 + 3))
    g = fresh(87654321, 2)
    print("normal float", floats(normal_float(g) + normal_float(g)))
    g = fresh(87654321, 2)
    print("normal double", doubles(normal_double(g) + normal_double(g)))
    g = fresh(87654321, 2)
    n = normal_float(g)
    print("normal half", ", ".join("0x%04x" % half_bits(v) for v in n),
          "| bf16", ", ".join("0x%04x" % bf16_bits(v) for v in n))
    print("tf docs normal (5, 1)", [repr(v) for v in normal_float(fresh(5, 1))])
    # Seeds whose first group rejects: (87654321, 0) drops values 1 and 4 of its Box-Muller
    # sequence; (87654321, 1) drops value 3 and fills on value 4, discarding value 5.
    for seed2 in [0, 1]:
        s = Single(fresh(87654321, seed2))
        print("box-muller values", seed2, floats([v for _ in range(3) for v in box_muller_float(s(), s())]))
        s = Single(fresh(87654321, seed2))
        print("truncated float", seed2, floats(truncated_float(s) + truncated_float(s)))
    t = truncated_float(Single(fresh(87654321, 0)))
    print("truncated half", ", ".join("0x%04x" % half_bits(v) for v in t),
          "| bf16", ", ".join("0x%04x" % bf16_bits(v) for v in t))
    # (87654321, 5) drops double 1 and fills on double 2, discarding double 3.
    s = Single(fresh(87654321, 5))
    print("box-muller doubles 5", doubles([v for _ in range(2) for v in box_muller_double(s(), s(), s(), s())]))
    s = Single(fresh(87654321, 5))
    print("truncated double 5", doubles(truncated_double(s) + truncated_double(s)))
    print("== fill_philox_random_test")
    print("fill normal float 10", floats(fill(fresh(87654321, 2), normal_float, 4, 10, False)))
    print("fill normal double 5", doubles(fill(fresh(87654321, 2), normal_double, 2, 5, False)))
    print("fill truncated float 10", floats(fill(fresh(87654321, 2), truncated_float, 4, 10, True)))
    print("fill truncated double 5", doubles(fill(fresh(87654321, 2), truncated_double, 2, 5, True)))

    print("== guarded_philox_random_test (lecture and TF docs values)")
    for seed, seed2, skip in [(87654321, 2, 0), (87654321, 2, 256), (2, 3, 0), (2, 10, 0)]:
        u = uniform_float(fresh(seed, seed2, skip))[0]
        print("uniform [-10, 10)", seed, seed2, skip, repr(f32(f32(u * 20.0) - 10.0)))
    print("int32 [0, 3) (5, 10)", uniform_int32(fresh(5, 10), 0, 3)[0],
          uniform_int32(fresh(5, 10, 256), 0, 3)[0])
    g = fresh(87654321, 2, 10 * 256)
    print("second call of a 10-float uniform", floats(fill(g, uniform_float, 4, 10, False)))

    print("== simple_philox_test")
    s = Single(fresh(87654321, 2))
    rand32 = [s() for _ in range(6)]
    print("rand32", hexs(rand32))
    s = Single(fresh(87654321, 2))
    r64 = [s() | s() << 32 for _ in range(3)]
    print("rand64", ", ".join("0x%016x" % v for v in r64))
    s = Single(fresh(87654321, 2))
    print("randfloat", floats([u32_to_float(s()) for _ in range(3)]))
    s = Single(fresh(87654321, 2))
    print("randdouble", doubles([u64_to_double(s(), s()) for _ in range(2)]))

    def exact_uniform(n, draw, bits):
        if n == 0:
            draw()
            return 0
        if n & (n - 1) == 0:
            return draw() & (n - 1)
        rem = ((1 << bits) - 1) % n + 1
        while True:
            w = draw()
            if w >= rem:
                return w % n

    s = Single(fresh(87654321, 2))
    print("uniform(n)", [exact_uniform(n, s, 32) for n in [10, 16, 0, 3, 1000000007, 2**31 + 1]])
    s = Single(fresh(87654321, 2))
    d64 = lambda: s() | s() << 32
    print("uniform64(n)", [exact_uniform(n, d64, 64) for n in [10, 2**40, 3 * 2**62 + 1]])
    # n = 2^31 + 1 rejects words below 2^31 - 1: about half of them.
    s = Single(fresh(87654321, 2))
    seen = []
    def traced():
        w = s()
        seen.append(w)
        return w
    v = exact_uniform(2**31 + 1, traced, 32)
    print("uniform(2^31+1) =", v, "after draws", hexs(seen))

    def skewed(max_log):
        shift = s() % (max_log + 1)
        mask = M32 if shift == 32 else (1 << shift) - 1
        return s() & mask

    s = Single(fresh(87654321, 2))
    print("skewed", [skewed(m) for m in [0, 5, 32, 32, 10]])
