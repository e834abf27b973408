// The CPU reduction kernels (Sum, Mean, Prod, Max, Min, All, Any): ReductionHelper turns
// the axes into a few (outer, reduced, inner) passes, and one templated loop nest computes
// each pass for every reducer and dtype.
#ifndef RILL_KERNELS_CPU_MATH_REDUCTION_OP_H_
#define RILL_KERNELS_CPU_MATH_REDUCTION_OP_H_

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "core/framework/device.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/thread_pool.h"
#include "kernels/cpu/math/expense_hint.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {

// ReductionHelper validates a reduction's axes against the input shape and plans it.
// Dimensions of size 1 are dropped and neighbouring dimensions that are all kept or all
// reduced are merged, so the input reads as alternating runs such as [kept, reduced,
// kept]. Each pass then reduces the innermost remaining reduced run of a row-major buffer
// viewed as [outer, reduced, inner], leaving [outer, inner] for the next pass: one pass per
// reduced run, none when nothing is reduced (the output is then the input).
class ReductionHelper {
 public:
  struct Pass {
    int64_t outer;
    int64_t reduced;
    int64_t inner;
  };

  // Simplify reads `axes` (int32 or int64, a scalar or a vector; negative values count from
  // the end; repeats reduce once, as in TensorFlow) for an input of `input_shape`.
  // InvalidArgument naming the bad axis, or the axes' shape when it is not a scalar or vector.
  absl::Status Simplify(const TensorShape& input_shape, const Tensor& axes, bool keep_dims);

  // out_shape is the output's shape: reduced dims removed, or kept as 1 with keep_dims.
  const TensorShape& out_shape() const { return out_shape_; }
  const std::vector<Pass>& passes() const { return passes_; }
  // reduced_count is how many input elements go into each output element.
  int64_t reduced_count() const { return reduced_count_; }

 private:
  TensorShape out_shape_;
  std::vector<Pass> passes_;
  int64_t reduced_count_ = 1;
};

namespace reduction {

// Accumulator is the type a reduction accumulates in: float for the 16-bit floats (as
// TensorFlow sums them), T otherwise.
template <typename T>
using Accumulator =
    std::conditional_t<std::is_same_v<T, Eigen::half> || std::is_same_v<T, Eigen::bfloat16>, float,
                       T>;

// WrappingAdd / WrappingMul: a + b and a * b, wrapping on overflow for integers (as two's
// complement hardware does) instead of being undefined.
template <typename T>
T WrappingAdd(T a, T b) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    using Unsigned = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<Unsigned>(a) + static_cast<Unsigned>(b));
  } else {
    return a + b;
  }
}

template <typename T>
T WrappingMul(T a, T b) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    // Promote to unsigned int at least, so that uint16 * uint16 cannot overflow an int.
    using Unsigned = std::common_type_t<std::make_unsigned_t<T>, unsigned int>;
    return static_cast<T>(static_cast<Unsigned>(a) * static_cast<Unsigned>(b));
  } else {
    return a * b;
  }
}

// A reducer R<T> provides
//   Acc                         the accumulator type;
//   Identity()                  the value that combines as a no-op;
//   Combine(a, b)               associative (up to rounding) and commutative;
//   kFinalizeIsIdentity         whether Finalize is a plain conversion to T;
//   Finalize(acc, count)        the output for an accumulation of `count` elements.
// An empty reduction gives Finalize(Identity(), 0): 0 for Sum, 1 for Prod, -inf (lowest()
// for integers) for Max, +inf (highest()) for Min, NaN (0 for integers) for Mean, true for
// All, false for Any, as TensorFlow.
template <typename T>
struct SumReducer {
  using Acc = Accumulator<T>;
  static constexpr bool kFinalizeIsIdentity = true;
  static Acc Identity() { return Acc(0); }
  static Acc Combine(Acc a, Acc b) { return WrappingAdd(a, b); }
  static T Finalize(Acc acc, int64_t count) { return static_cast<T>(acc); }
};

// MeanReducer sums and divides by the count at the end; integers divide with truncation.
template <typename T>
struct MeanReducer : SumReducer<T> {
  using Acc = Accumulator<T>;
  static constexpr bool kFinalizeIsIdentity = false;
  static T Finalize(Acc acc, int64_t count) {
    if constexpr (std::is_integral_v<Acc>) {
      return count == 0 ? T(0) : static_cast<T>(static_cast<int64_t>(acc) / count);
    } else {
      return static_cast<T>(acc / static_cast<Acc>(count));
    }
  }
};

template <typename T>
struct ProdReducer {
  using Acc = Accumulator<T>;
  static constexpr bool kFinalizeIsIdentity = true;
  static Acc Identity() { return Acc(1); }
  static Acc Combine(Acc a, Acc b) { return WrappingMul(a, b); }
  static T Finalize(Acc acc, int64_t count) { return static_cast<T>(acc); }
};

// MaxReducer and MinReducer propagate NaN: once a NaN is seen, the result is NaN.
template <typename T>
struct MaxReducer {
  using Acc = Accumulator<T>;
  static constexpr bool kFinalizeIsIdentity = true;
  static Acc Identity() {
    if constexpr (std::numeric_limits<Acc>::has_infinity) {
      return -std::numeric_limits<Acc>::infinity();
    } else {
      return std::numeric_limits<Acc>::lowest();
    }
  }
  static Acc Combine(Acc a, Acc b) {
    if constexpr (std::is_floating_point_v<Acc>) {
      return (b > a || b != b) ? b : a;
    } else {
      return b > a ? b : a;
    }
  }
  static T Finalize(Acc acc, int64_t count) { return static_cast<T>(acc); }
};

template <typename T>
struct MinReducer {
  using Acc = Accumulator<T>;
  static constexpr bool kFinalizeIsIdentity = true;
  static Acc Identity() {
    if constexpr (std::numeric_limits<Acc>::has_infinity) {
      return std::numeric_limits<Acc>::infinity();
    } else {
      return std::numeric_limits<Acc>::max();
    }
  }
  static Acc Combine(Acc a, Acc b) {
    if constexpr (std::is_floating_point_v<Acc>) {
      return (b < a || b != b) ? b : a;
    } else {
      return b < a ? b : a;
    }
  }
  static T Finalize(Acc acc, int64_t count) { return static_cast<T>(acc); }
};

struct AllReducer {
  using Acc = bool;
  static constexpr bool kFinalizeIsIdentity = true;
  static bool Identity() { return true; }
  static bool Combine(bool a, bool b) { return a & b; }
  static bool Finalize(bool acc, int64_t count) { return acc; }
};

struct AnyReducer {
  using Acc = bool;
  static constexpr bool kFinalizeIsIdentity = true;
  static bool Identity() { return false; }
  static bool Combine(bool a, bool b) { return a | b; }
  static bool Finalize(bool acc, int64_t count) { return acc; }
};

// Work sizes: the loops below handle this many independent accumulators at a time (enough
// for the compiler to fill vector registers), sum runs of more than kPairwiseBlock
// elements pairwise (so float error grows with log n, not n), and give each thread at
// least kMinChunk elements when one output's reduction is split across threads.
inline constexpr int kLanes = 16;
inline constexpr int64_t kPairwiseBlock = 4096;
inline constexpr int64_t kColumnBlock = 512;
inline constexpr int64_t kMinChunk = 16384;
// kCyclesPerElement: ParallelFor's cost estimate for reading and combining one element.
inline constexpr int64_t kCyclesPerElement = 2;

// ReduceContiguous reduces x[0, n).
template <typename Reducer, typename In>
typename Reducer::Acc ReduceContiguous(const In* x, int64_t n) {
  using Acc = typename Reducer::Acc;
  if (n > kPairwiseBlock) {
    const int64_t half = (n / 2 + kLanes - 1) / kLanes * kLanes;
    return Reducer::Combine(ReduceContiguous<Reducer>(x, half),
                            ReduceContiguous<Reducer>(x + half, n - half));
  }
  Acc lanes[kLanes];
  for (int j = 0; j < kLanes; ++j) lanes[j] = Reducer::Identity();
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (int j = 0; j < kLanes; ++j) {
      lanes[j] = Reducer::Combine(lanes[j], static_cast<Acc>(x[i + j]));
    }
  }
  for (; i < n; ++i) lanes[0] = Reducer::Combine(lanes[0], static_cast<Acc>(x[i]));
  for (int width = kLanes / 2; width > 0; width /= 2) {
    for (int j = 0; j < width; ++j) lanes[j] = Reducer::Combine(lanes[j], lanes[j + width]);
  }
  return lanes[0];
}

// ReduceColumns sets out[c - begin] to the reduction over rows [0, rows) of column c of
// the row-major matrix x with `stride` columns, for c in [begin, end).
// REQUIRES: end - begin <= kColumnBlock.
template <typename Reducer, typename In>
void ReduceColumns(const In* x, int64_t rows, int64_t stride, int64_t begin, int64_t end,
                   typename Reducer::Acc* out) {
  using Acc = typename Reducer::Acc;
  const int64_t width = end - begin;
  Acc acc[kColumnBlock];
  for (int64_t j = 0; j < width; ++j) acc[j] = Reducer::Identity();
  for (int64_t r = 0; r < rows; ++r) {
    const In* row = x + r * stride + begin;
    // Whole groups of kLanes first: loops of a fixed trip count are what the compiler
    // vectorizes at -O2.
    int64_t j = 0;
    for (; j + kLanes <= width; j += kLanes) {
      for (int l = 0; l < kLanes; ++l) {
        acc[j + l] = Reducer::Combine(acc[j + l], static_cast<Acc>(row[j + l]));
      }
    }
    for (; j < width; ++j) acc[j] = Reducer::Combine(acc[j], static_cast<Acc>(row[j]));
  }
  std::copy(acc, acc + width, out);
}

// ReduceRows reduces rows [row_begin, row_end) of `slice`, a row-major [rows, inner]
// matrix, into out[inner].
template <typename Reducer, typename In>
void ReduceRows(const In* slice, int64_t row_begin, int64_t row_end, int64_t inner,
                typename Reducer::Acc* out) {
  if (inner == 1) {
    out[0] = ReduceContiguous<Reducer>(slice + row_begin, row_end - row_begin);
    return;
  }
  for (int64_t begin = 0; begin < inner; begin += kColumnBlock) {
    const int64_t end = std::min(inner, begin + kColumnBlock);
    ReduceColumns<Reducer>(slice + row_begin * inner, row_end - row_begin, inner, begin, end,
                           out + begin);
  }
}

// ReducePass reduces `in` viewed as [outer, reduced, inner] over its middle dimension into
// out[outer, inner], on `pool`. When the outputs are too few to keep the threads busy, each
// one's reduction is split into chunks whose partial results a second pass combines.
template <typename Reducer, typename In>
void ReducePass(const In* in, const ReductionHelper::Pass& pass, ThreadPool* pool,
                typename Reducer::Acc* out) {
  using Acc = typename Reducer::Acc;
  const int64_t outer = pass.outer;
  const int64_t reduced = pass.reduced;
  const int64_t inner = pass.inner;
  const int threads = pool->NumThreads();
  // Without chunks, a task is one slice (inner == 1) or one block of a slice's columns.
  const int64_t blocks = (inner + kColumnBlock - 1) / kColumnBlock;
  const int64_t tasks = inner == 1 ? outer : outer * blocks;
  int64_t chunks = 1;
  if (threads > 1 && tasks < 4 * threads && reduced >= 2 * kMinChunk) {
    chunks = std::min<int64_t>(reduced / kMinChunk, 4 * threads);
  }
  if (chunks == 1) {
    if (inner == 1) {
      pool->ParallelFor(outer, reduced * kCyclesPerElement, [&](int64_t begin, int64_t end) {
        for (int64_t o = begin; o < end; ++o) {
          out[o] = ReduceContiguous<Reducer>(in + o * reduced, reduced);
        }
      });
      return;
    }
    pool->ParallelFor(outer * blocks, reduced * std::min(inner, kColumnBlock) * kCyclesPerElement,
                      [&](int64_t begin, int64_t end) {
                        for (int64_t task = begin; task < end; ++task) {
                          const int64_t o = task / blocks;
                          const int64_t column = (task % blocks) * kColumnBlock;
                          ReduceColumns<Reducer>(in + o * reduced * inner, reduced, inner, column,
                                                 std::min(inner, column + kColumnBlock),
                                                 out + o * inner + column);
                        }
                      });
    return;
  }
  const int64_t chunk_rows = (reduced + chunks - 1) / chunks;
  chunks = (reduced + chunk_rows - 1) / chunk_rows;
  // partial is [outer, chunks, inner]: chunk c of slice o reduced.
  std::unique_ptr<Acc[]> partial(new Acc[outer * chunks * inner]);
  pool->ParallelFor(outer * chunks, chunk_rows * inner * kCyclesPerElement,
                    [&](int64_t begin, int64_t end) {
                      for (int64_t task = begin; task < end; ++task) {
                        const int64_t o = task / chunks;
                        const int64_t c = task % chunks;
                        ReduceRows<Reducer>(in + o * reduced * inner, c * chunk_rows,
                                            std::min(reduced, (c + 1) * chunk_rows), inner,
                                            partial.get() + task * inner);
                      }
                    });
  for (int64_t o = 0; o < outer; ++o) {
    ReduceRows<Reducer>(partial.get() + o * chunks * inner, 0, chunks, inner, out + o * inner);
  }
}

// Reduce computes the reduction `helper` planned of `in` into `out`, which has
// in_size / helper.reduced_count() elements. REQUIRES: in_size > 0.
template <typename Reducer, typename T>
void Reduce(const T* in, int64_t in_size, const ReductionHelper& helper, ThreadPool* pool, T* out) {
  using Acc = typename Reducer::Acc;
  const int64_t count = helper.reduced_count();
  const int64_t out_size = in_size / count;
  const auto& passes = helper.passes();
  if (passes.empty()) {
    pool->ParallelFor(out_size, kCyclesPerElement, [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) {
        out[i] = Reducer::Finalize(static_cast<Acc>(in[i]), count);
      }
    });
    return;
  }
  // Each pass reads the previous one's accumulators; the last writes straight into `out`
  // when the accumulator type is T.
  std::unique_ptr<Acc[]> previous;
  Acc* result = nullptr;
  for (size_t p = 0; p < passes.size(); ++p) {
    std::unique_ptr<Acc[]> next;
    result = nullptr;
    if constexpr (std::is_same_v<Acc, T>) {
      if (p + 1 == passes.size()) result = out;
    }
    if (result == nullptr) {
      next.reset(new Acc[passes[p].outer * passes[p].inner]);
      result = next.get();
    }
    if (p == 0) {
      ReducePass<Reducer>(in, passes[p], pool, result);
    } else {
      ReducePass<Reducer>(previous.get(), passes[p], pool, result);
    }
    if (next != nullptr) previous = std::move(next);
  }
  if constexpr (std::is_same_v<Acc, T>) {
    if (Reducer::kFinalizeIsIdentity) return;
  }
  pool->ParallelFor(out_size, kCyclesPerElement, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) out[i] = Reducer::Finalize(result[i], count);
  });
}

}  // namespace reduction

// ReductionOp<T, Reducer> is the kernel of Sum, Mean, Prod, Max, Min (T numeric) and All,
// Any (T = bool): input 0 reduced over the axes in input 1, keep_dims as the attr says.
// Thread-safe: ExpenseHint is the only state Compute writes.
template <typename T, typename Reducer>
class ReductionOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("keep_dims", &keep_dims_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    ReductionHelper helper;
    RETURN_IF_ERROR(helper.Simplify(input.shape(), ctx->input(1), keep_dims_));
    Tensor* output;
    RETURN_IF_ERROR(ctx->allocate_output(0, helper.out_shape(), &output));
    hint_.Record(input.NumElements());
    if (output->NumElements() == 0) return absl::OkStatus();
    T* out = output->flat<T>().data();
    if (input.NumElements() == 0) {
      std::fill_n(out, output->NumElements(), Reducer::Finalize(Reducer::Identity(), 0));
      return absl::OkStatus();
    }
    reduction::Reduce<Reducer>(input.flat<T>().data(), input.NumElements(), helper,
                               ctx->device()->intra_op_thread_pool(), out);
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return hint_.expensive(); }

 private:
  bool keep_dims_ = false;
  ExpenseHint hint_;
};

// REGISTER_REDUCTION_CPU("Sum", reduction::SumReducer, float) registers
// ReductionOp<float, reduction::SumReducer<float>> for op "Sum" with T = float (any Tidx).
#define REGISTER_REDUCTION_CPU(op_name, reducer_template, T)                       \
  REGISTER_KERNEL_BUILDER(Name(op_name).Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ::rill::ReductionOp<T, reducer_template<T>>)

}  // namespace rill

#endif  // RILL_KERNELS_CPU_MATH_REDUCTION_OP_H_
