// RandomKernel: what every stateful random CPU kernel shares: a Philox stream seeded from
// the node's "seed"/"seed2" attrs once per kernel, the intra-op pool to shard fills over,
// and the validation of 1-D shape inputs.
#ifndef RILL_KERNELS_CPU_RANDOM_RANDOM_KERNEL_H_
#define RILL_KERNELS_CPU_RANDOM_RANDOM_KERNEL_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/framework/device.h"
#include "core/framework/errors.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/thread_pool.h"
#include "core/random/fill_philox_random.h"
#include "core/random/guarded_philox_random.h"

namespace rill {

// RandomKernel is the base of the random kernels. A session builds one kernel per node, so
// each session starts every random op's stream afresh (from (seed, seed2), or from a
// nondeterministic seed when both are 0), and each run continues it by reserving the
// stream block TensorFlow's kernel would reserve. generator() is thread-safe, so Compute may
// run concurrently.
class RandomKernel : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    int64_t seed = 0;
    int64_t seed2 = 0;
    RETURN_IF_ERROR(ctx->GetAttr("seed", &seed));
    RETURN_IF_ERROR(ctx->GetAttr("seed2", &seed2));
    generator_.Init(seed, seed2);
    return absl::OkStatus();
  }

 protected:
  random::GuardedPhiloxRandom& generator() { return generator_; }

  // IntraOpParallelFor shards work over ctx's device's intra-op pool (inline without one),
  // in the shape FillPhiloxRandom takes.
  static random::ParallelFor IntraOpParallelFor(OpKernelContext* ctx) {
    ThreadPool* pool = ctx->device()->intra_op_thread_pool();
    if (pool == nullptr) return {};
    return [pool](int64_t total, int64_t cost_per_unit,
                  const std::function<void(int64_t, int64_t)>& fn) {
      pool->ParallelFor(total, cost_per_unit, fn);
    };
  }

  // ShapeFromTensor reads the int32/int64 vector `shape` (the input `name`) as a shape.
  // InvalidArgument for another rank or dtype, or a negative or overflowing size.
  static absl::StatusOr<TensorShape> ShapeFromTensor(const Tensor& shape, absl::string_view name) {
    if (shape.dims() != 1 || (shape.dtype() != DT_INT32 && shape.dtype() != DT_INT64)) {
      return errors::InvalidArgument(name, " must be a vector of {int32,int64}, got ",
                                     DataTypeString(shape.dtype()), " tensor of shape ",
                                     shape.shape().DebugString());
    }
    std::vector<int64_t> sizes(shape.NumElements());
    for (int64_t i = 0; i < shape.NumElements(); ++i) {
      sizes[i] = shape.dtype() == DT_INT32 ? shape.flat<int32_t>()(i) : shape.flat<int64_t>()(i);
    }
    absl::StatusOr<TensorShape> result = TensorShape::Build(sizes);
    if (!result.ok()) {
      return errors::InvalidArgument(name, " is not a valid shape: ", result.status().message());
    }
    return result;
  }

 private:
  random::GuardedPhiloxRandom generator_;
};

}  // namespace rill

#endif  // RILL_KERNELS_CPU_RANDOM_RANDOM_KERNEL_H_
