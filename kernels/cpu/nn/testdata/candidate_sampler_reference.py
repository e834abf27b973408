# Reference for candidate_sampler_ops_test: the candidates TensorFlow's samplers draw for
# seed = 1, seed2 = 2, two calls of num_sampled = 8, rewritten from TensorFlow's algorithms
# in plain Python: Philox4x32-10 (key = seed, counter = [0, 0, seed2]), words taken in order
# four per 128-bit sample (SingleSampleAdapter), and per call a reservation of
# (2048 * num_sampled + 3) // 4 samples of the kernel's guarded stream.
# Usage: python3 candidate_sampler_reference.py  (prints the expected candidates).
import math
import struct

M32 = 0xFFFFFFFF


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def philox(counter, key):
    c, k = list(counter), list(key)
    for r in range(10):
        p0, p1 = 0xD2511F53 * c[0], 0xCD9E8D57 * c[2]
        c = [((p1 >> 32) ^ c[1] ^ k[0]) & M32, p1 & M32, ((p0 >> 32) ^ c[3] ^ k[1]) & M32, p0 & M32]
        if r < 9:
            k = [(k[0] + 0x9E3779B9) & M32, (k[1] + 0xBB67AE85) & M32]
    return c


class Stream:
    def __init__(self, key, counter):
        self.key, self.counter, self.words = list(key), list(counter), []

    def skip(self, n):
        low = (self.counter[1] << 32 | self.counter[0]) + n
        self.counter[0], self.counter[1] = low & M32, (low >> 32) & M32
        if low >> 64:
            self.counter[2] = (self.counter[2] + 1) & M32
            if self.counter[2] == 0:
                self.counter[3] = (self.counter[3] + 1) & M32

    def __call__(self):  # SingleSampleAdapter: the next 32-bit word.
        if not self.words:
            self.words = philox(self.counter, self.key)
            self.skip(1)
        return self.words.pop(0)


def uniform_double(w):  # Uint64ToDouble(x0, x1)
    x0, x1 = w(), w()
    bits = (1023 << 52) | ((x0 & 0xFFFFF) << 32) | x1
    return struct.unpack("<d", struct.pack("<Q", bits))[0] - 1.0


def uniform_float(w):  # Uint32ToFloat(x)
    return struct.unpack("<f", struct.pack("<I", (w() & 0x7FFFFF) | (127 << 23)))[0] - 1.0


def exact_uniform(w, n, bits):  # SimplePhilox::Uniform (bits 32) and Uniform64 (bits 64)
    draw = w if bits == 32 else (lambda: w() | (w() << 32))
    if n & (n - 1) == 0:
        return draw() & (n - 1)
    rem = (2**bits - 1) % n + 1
    while True:
        x = draw()
        if x >= rem:
            return x % n


def alias_table(weights):  # random::DistributionSampler, float32 where TensorFlow uses float
    n, total = len(weights), sum(weights)
    mass = [f32(w * n) / total for w in weights]
    alt, high, low = [-1] * n, [], []
    for i, m in enumerate(mass):
        (low if m < 1.0 else high).append(i)
    while high and low:
        l, h = low.pop(), high.pop()
        alt[l] = h
        mass[h] -= 1.0 - mass[l]
        (low if mass[h] < 1.0 else high).append(h)
    prob = [f32(m) for m in mass]
    for i in high + low:
        prob[i], alt[i] = 1.0, i
    return prob, alt


def calls(draw, seed=1, seed2=2, num_sampled=8, count=2):
    guarded = Stream([seed & M32, seed >> 32], [0, 0, seed2 & M32, seed2 >> 32])
    out = []
    for _ in range(count):
        local = Stream(guarded.key, guarded.counter)
        guarded.skip((2048 * num_sampled + 3) // 4)
        out.append([draw(local) for _ in range(num_sampled)])
    return out


log_range = math.log1p(1000000)
print("LogUniform(1000000):", calls(lambda w: (int(math.exp(uniform_double(w) * log_range)) - 1) % 1000000))
print("Uniform(1000):", calls(lambda w: exact_uniform(w, 1000, 64)))
prob, alt = alias_table([0.0, 1.0, 4.0, 9.0, 16.0])  # num_reserved_ids 1, unigrams 1 4 9 16


def unigram(w):
    r = uniform_float(w)
    i = exact_uniform(w, 5, 32)
    return i if r < prob[i] else alt[i]


print("FixedUnigram([0 1 4 9 16]):", calls(unigram))
