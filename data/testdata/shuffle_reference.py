# Reference for data/dataset_test.cc: the orders TensorFlow's ShuffleDataset gives, written
# from its algorithm (shuffle_dataset_op.cc) over core/random's Philox reference: a
# reshuffling dataset seeds each new iterator with two 32-bit words of
# Philox(seed, seed2); the iterator keeps a buffer window and emits Random() % window.
# Usage: python3 shuffle_reference.py
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../../core/random/testdata"))
from philox_reference import Gen, Single  # noqa: E402


def shuffle(elements, buffer_size, seed, seed2):
    rng = Single(Gen(seed, seed2))
    buffer, start, end, out, items = {}, 0, 0, [], iter(elements)
    exhausted = False
    while True:
        while not exhausted and end - start < buffer_size:
            try:
                buffer[end % buffer_size] = next(items)
                end += 1
            except StopIteration:
                exhausted = True
        if end == start:
            return out
        index = (start + rng() % (end - start)) % buffer_size
        out.append(buffer[index])
        first = start % buffer_size
        buffer[index], buffer[first] = buffer[first], buffer[index]
        start += 1


def reshuffled_epochs(elements, buffer_size, seed, seed2, epochs):
    seeds = Single(Gen(seed, seed2))
    return [shuffle(elements, buffer_size, seeds(), seeds()) for _ in range(epochs)]


# Op seed 7 and no graph seed: (seed, seed2) = (87654321, 7).
print("range(10).shuffle(4, seed=7), 2 epochs:",
      reshuffled_epochs(range(10), 4, 87654321, 7, 2))
print("range(10).shuffle(4, seed=7, reshuffle_each_iteration=False):",
      shuffle(range(10), 4, 87654321, 7))
# Graph seed 3 and op seed 5: (3, 5).
print("range(6).shuffle(100, seed=5) under graph seed 3:",
      reshuffled_epochs(range(6), 100, 3, 5, 1))
