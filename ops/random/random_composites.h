// TensorFlow 1.x Python's random functions for the C++ client (tf.random_normal,
// tf.truncated_normal, tf.random_uniform, tf.random_shuffle, tf.multinomial,
// tf.random_crop), built from the random ops with TensorFlow's nodes, names and seeds.
#ifndef RILL_OPS_RANDOM_RANDOM_COMPOSITES_H_
#define RILL_OPS_RANDOM_RANDOM_COMPOSITES_H_

#include <cstdint>
#include <optional>

#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/types.h"

namespace rill {
namespace ops {

// The functions below are TensorFlow Python's and keep its snake_case names, which also
// keeps them apart from the generated builders of the ops they use (ops::RandomUniform
// is the op, ops::random_uniform the composite).
//
// Each one builds the nodes TensorFlow's Python builds, in the same order and with the same
// names: a name scope named after the function ("random_uniform", "random_uniform_1", ...;
// the scope's op name when WithOpName gave one) holding the helper nodes, and a last node
// named like the scope itself, whose output is returned:
//   auto c = ops::random_uniform(root, {}, -10, 10, DT_FLOAT, /*seed=*/2);
//   // random_uniform/shape, random_uniform/min, random_uniform/max,
//   // random_uniform/RandomUniform, random_uniform/sub, random_uniform/mul, random_uniform
//
// Seeds: `seed` is the op-level seed; the random op's (seed, seed2) attrs come from it and
// the graph-level seed (set_random_seed) by get_seed, chosen after the helper constants are
// built, as TensorFlow chooses them, so a program gives TensorFlow's values bit for bit.
// Without either seed the values are nondeterministic.
//
// Constants given for `shape` become an int32 (or int64) vector ({} is a scalar's shape);
// constants given for values (mean, stddev, minval, maxval) are converted to `dtype` as
// TensorFlow's convert_to_tensor does (ints to any numeric dtype, floats to floating
// dtypes only, values out of the dtype's range rejected). Outputs are used as they are.
// Errors (a dtype the function does not support, a failed conversion) go to the scope's
// status, and the function returns an empty Output.

// random_normal returns a tensor of `shape` with normal values of mean `mean` and standard
// deviation `stddev`: RandomStandardNormal * stddev + mean. `dtype`: half, bfloat16, float
// or double.
Output random_normal(const Scope& scope, const Input& shape, const Input& mean = 0.0,
                     const Input& stddev = 1.0, DataType dtype = DT_FLOAT,
                     std::optional<int64_t> seed = std::nullopt);

// truncated_normal is random_normal with values more than two standard deviations from the
// mean redrawn: TruncatedNormal * stddev + mean.
Output truncated_normal(const Scope& scope, const Input& shape, const Input& mean = 0.0,
                        const Input& stddev = 1.0, DataType dtype = DT_FLOAT,
                        std::optional<int64_t> seed = std::nullopt);

// random_uniform returns a tensor of `shape` with values uniform in [minval, maxval):
// RandomUniform * (maxval - minval) + minval for half, bfloat16, float and double;
// RandomUniformInt(shape, minval, maxval) for int32 and int64 (where an empty range is an
// error when the op runs).
Output random_uniform(const Scope& scope, const Input& shape, const Input& minval,
                      const Input& maxval, DataType dtype = DT_FLOAT,
                      std::optional<int64_t> seed = std::nullopt);

// random_uniform in [0, 1), TensorFlow's default maxval. InvalidArgument for an integer
// dtype, which needs a maxval.
Output random_uniform(const Scope& scope, const Input& shape, DataType dtype = DT_FLOAT,
                      std::optional<int64_t> seed = std::nullopt);

// random_shuffle returns `value` shuffled along its first dimension (one RandomShuffle
// named by the scope, default "RandomShuffle"; its seeds are chosen before a constant
// `value` is built, as TensorFlow does).
Output random_shuffle(const Scope& scope, const Input& value,
                      std::optional<int64_t> seed = std::nullopt);

// multinomial draws `num_samples` class indices for each row of the [batch, classes]
// `logits` (unnormalized log-probabilities): a name scope "multinomial" holding one
// Multinomial op of `output_dtype` (int32 or int64).
Output multinomial(const Scope& scope, const Input& logits, const Input& num_samples,
                   std::optional<int64_t> seed = std::nullopt, DataType output_dtype = DT_INT64);

// random_crop returns a slice of `value` of shape `size` (an int32 vector, one entry per
// dimension of value) at a uniformly random offset: Slice(value, RandomUniformInt %
// (shape - size + 1), size), as tf.random_crop. TensorFlow also guards the offset with an
// Assert(reduce_all(shape >= size)) that Rill's op library lacks; those nodes are left out
// (so with a graph seed and no op seed, seed2 differs from TensorFlow's). Instead a size
// larger than a known shape is InvalidArgument while building, and one larger than a shape
// known only at run time makes the FloorMod or the Slice fail.
Output random_crop(const Scope& scope, const Input& value, const Input& size,
                   std::optional<int64_t> seed = std::nullopt);

}  // namespace ops
}  // namespace rill

#endif  // RILL_OPS_RANDOM_RANDOM_COMPOSITES_H_
