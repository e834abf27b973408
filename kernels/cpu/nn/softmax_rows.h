// Row kernels of the softmax family (Softmax, LogSoftmax and the two cross entropies): one
// contiguous row of logits at a time, vectorized with Eigen arrays, with TensorFlow's
// numerically stable formulas (logits shifted by their maximum before exp).
#ifndef RILL_KERNELS_CPU_NN_SOFTMAX_ROWS_H_
#define RILL_KERNELS_CPU_NN_SOFTMAX_ROWS_H_

#include <cstdint>

#include "Eigen/Core"

namespace rill {
namespace softmax_rows {

template <typename T>
using ConstRow = Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>>;
template <typename T>
using Row = Eigen::Map<Eigen::Array<T, Eigen::Dynamic, 1>>;

// Softmax writes exp(x - max(x)) * (1 / sum(exp(x - max(x)))) to `out`, TensorFlow's
// order of operations. REQUIRES: n >= 1; `out` may alias `logits`.
template <typename T>
void Softmax(const T* logits, T* out, int64_t n) {
  const ConstRow<T> x(logits, n);
  Row<T> y(out, n);
  const T max = x.maxCoeff();
  y = (x - max).exp();
  y *= T(1) / y.sum();
}

// LogSoftmax writes (x - max(x)) - log(sum(exp(x - max(x)))) to `out`.
// REQUIRES: n >= 1; `out` may alias `logits`.
template <typename T>
void LogSoftmax(const T* logits, T* out, int64_t n) {
  const ConstRow<T> x(logits, n);
  Row<T> y(out, n);
  const T max = x.maxCoeff();
  y = x - max;
  y -= Eigen::numext::log(y.exp().sum());
}

// CrossEntropy computes one row of SoftmaxCrossEntropyWithLogits: returns the loss
// sum(labels * (log(sum(exp(shifted))) - shifted)) with shifted = logits - max(logits), and
// writes the gradient softmax(logits) - labels to `backprop`. REQUIRES: n >= 1.
template <typename T>
T CrossEntropy(const T* logits, const T* labels, T* backprop, int64_t n) {
  const ConstRow<T> x(logits, n);
  const ConstRow<T> p(labels, n);
  Row<T> g(backprop, n);
  const T max = x.maxCoeff();
  g = x - max;
  const T sum = g.exp().sum();
  const T loss = (p * (Eigen::numext::log(sum) - g)).sum();
  g = g.exp() / sum - p;
  return loss;
}

// SparseCrossEntropy is CrossEntropy with a one-hot label at `label`: returns
// log(sum(exp(shifted))) - shifted[label] and writes softmax(logits) - onehot(label).
// REQUIRES: n >= 1, 0 <= label < n.
template <typename T>
T SparseCrossEntropy(const T* logits, int64_t label, T* backprop, int64_t n) {
  const ConstRow<T> x(logits, n);
  Row<T> g(backprop, n);
  const T max = x.maxCoeff();
  g = x - max;
  const T sum = g.exp().sum();
  const T loss = Eigen::numext::log(sum) - g[label];
  g = g.exp() / sum;
  g[label] -= T(1);
  return loss;
}

}  // namespace softmax_rows
}  // namespace rill

#endif  // RILL_KERNELS_CPU_NN_SOFTMAX_ROWS_H_
