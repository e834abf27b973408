// Gradient: what automatic differentiation passes between gradient functions: a dense
// tensor, an IndexedSlices (the few rows of a large tensor an embedding lookup touched), or
// nothing (no gradient flows).
#ifndef RILL_CORE_CLIENT_GRADIENT_H_
#define RILL_CORE_CLIENT_GRADIENT_H_

#include <type_traits>

#include "core/client/ops.h"

namespace rill {

// IndexedSlices stands for a dense tensor of shape `dense_shape` that is zero except in the
// rows `indices` of dimension 0, which hold `values` (TensorFlow's tf.IndexedSlices):
//   dense[indices[i], ...] += values[i, ...]
// Repeated indices add up. The gradient of a gather from a [50000, 128] embedding table is
// an IndexedSlices of 128 rows instead of a dense 25 MB tensor; optimizers apply it to those
// rows only.
struct IndexedSlices {
  Output values;       // [N, d1, ..., dk]
  Output indices;      // [N], int32 or int64
  Output dense_shape;  // [k + 1], int32 or int64: the shape of the dense tensor
};

// Gradient is the gradient of one tensor: none (Gradient()), dense or sparse. Converts
// implicitly from an Output or an IndexedSlices, so a gradient function writes
//   grad_outputs->push_back(ops::Neg(scope, grad));
// A default Output converts to no gradient.
class Gradient {
 public:
  Gradient() = default;
  Gradient(const Output& dense)  // NOLINT(runtime/explicit)
      : dense_(dense) {}
  // Anything that converts to an Output: a generated op object (ops::Neg(scope, grad)).
  template <typename T, typename = std::enable_if_t<std::is_convertible_v<T, Output> &&
                                                    !std::is_same_v<T, Output>>>
  Gradient(const T& op)  // NOLINT(runtime/explicit)
      : dense_(Output(op)) {}
  Gradient(const IndexedSlices& sparse)  // NOLINT(runtime/explicit)
      : sparse_(sparse), is_sparse_(sparse.values.node() != nullptr) {}

  // is_none: no gradient flows (an integer tensor, a StopGradient, an unconnected input).
  bool is_none() const { return !is_sparse_ && dense_.node() == nullptr; }
  bool is_sparse() const { return is_sparse_; }

  // dense is the gradient tensor. REQUIRES: !is_sparse().
  const Output& dense() const { return dense_; }
  // sparse is the gradient's rows. REQUIRES: is_sparse().
  const IndexedSlices& sparse() const { return sparse_; }
  // values is the tensor holding the gradient's numbers: dense() or sparse().values.
  const Output& values() const { return is_sparse_ ? sparse_.values : dense_; }

 private:
  Output dense_;
  IndexedSlices sparse_;
  bool is_sparse_ = false;
};

}  // namespace rill

#endif  // RILL_CORE_CLIENT_GRADIENT_H_
