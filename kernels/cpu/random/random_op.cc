// The CPU kernels of RandomUniform, RandomStandardNormal, TruncatedNormal (half, bfloat16,
// float, double) and RandomUniformInt (int32, int64): TensorFlow's distributions filled from
// TensorFlow's stream reservations, sharded so that any split gives the same values.
#include <cstdint>

#include "absl/status/status.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "core/random/fill_philox_random.h"
#include "core/random/philox_random.h"
#include "core/random/random_distributions.h"
#include "kernels/cpu/random/random_kernel.h"

namespace rill {
namespace {

using random::PhiloxRandom;

// PhiloxRandomOp fills an output of the shape held by input 0 with `Distribution`'s values,
// reserving kReservedSamplesPerOutput samples per output element per call.
template <class Distribution>
class PhiloxRandomOp : public RandomKernel {
 public:
  using RandomKernel::RandomKernel;
  using T = typename Distribution::ResultElementType;

  absl::Status Compute(OpKernelContext* ctx) override {
    ASSIGN_OR_RETURN(const TensorShape shape, ShapeFromTensor(ctx->input(0), "shape"));
    Tensor* output;
    RETURN_IF_ERROR(ctx->allocate_output(0, shape, &output));
    auto flat = output->flat<T>();
    random::FillPhiloxRandom(generator().ReserveRandomOutputs(flat.size()), flat.data(),
                             flat.size(), Distribution(), IntraOpParallelFor(ctx));
    return absl::OkStatus();
  }
};

// RandomUniformIntOp: integers uniform in [minval, maxval), lo + bits % (hi - lo). An empty
// output draws nothing, even from an empty range.
template <typename IntType>
class RandomUniformIntOp : public RandomKernel {
 public:
  using RandomKernel::RandomKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& minval = ctx->input(1);
    const Tensor& maxval = ctx->input(2);
    if (minval.dims() != 0) {
      return errors::InvalidArgument("minval must be 0-D, got shape ",
                                     minval.shape().DebugString());
    }
    if (maxval.dims() != 0) {
      return errors::InvalidArgument("maxval must be 0-D, got shape ",
                                     maxval.shape().DebugString());
    }
    ASSIGN_OR_RETURN(const TensorShape shape, ShapeFromTensor(ctx->input(0), "shape"));
    Tensor* output;
    RETURN_IF_ERROR(ctx->allocate_output(0, shape, &output));
    if (output->NumElements() == 0) return absl::OkStatus();
    const IntType lo = minval.scalar<IntType>()();
    const IntType hi = maxval.scalar<IntType>()();
    if (!(lo < hi)) {
      return errors::InvalidArgument("Need minval < maxval, got ", lo, " >= ", hi);
    }
    auto flat = output->flat<IntType>();
    random::FillPhiloxRandom(
        generator().ReserveRandomOutputs(flat.size()), flat.data(), flat.size(),
        random::UniformDistribution<PhiloxRandom, IntType>(lo, hi), IntraOpParallelFor(ctx));
    return absl::OkStatus();
  }
};

template <typename T>
using Uniform = PhiloxRandomOp<random::UniformDistribution<PhiloxRandom, T>>;
template <typename T>
using Normal = PhiloxRandomOp<random::NormalDistribution<PhiloxRandom, T>>;
template <typename T>
using Truncated = PhiloxRandomOp<
    random::TruncatedNormalDistribution<random::SingleSampleAdapter<PhiloxRandom>, T>>;

#define RILL_REGISTER_RANDOM_KERNELS(T)                                                          \
  REGISTER_KERNEL_BUILDER(Name("RandomUniform").Device(DEVICE_CPU).TypeConstraint<T>("dtype"),   \
                          Uniform<T>);                                                           \
  REGISTER_KERNEL_BUILDER(                                                                       \
      Name("RandomStandardNormal").Device(DEVICE_CPU).TypeConstraint<T>("dtype"), Normal<T>);    \
  REGISTER_KERNEL_BUILDER(Name("TruncatedNormal").Device(DEVICE_CPU).TypeConstraint<T>("dtype"), \
                          Truncated<T>)

RILL_REGISTER_RANDOM_KERNELS(Eigen::half);
RILL_REGISTER_RANDOM_KERNELS(Eigen::bfloat16);
RILL_REGISTER_RANDOM_KERNELS(float);
RILL_REGISTER_RANDOM_KERNELS(double);
#undef RILL_REGISTER_RANDOM_KERNELS

REGISTER_KERNEL_BUILDER(Name("RandomUniformInt").Device(DEVICE_CPU).TypeConstraint<int32_t>("Tout"),
                        RandomUniformIntOp<int32_t>);
REGISTER_KERNEL_BUILDER(Name("RandomUniformInt").Device(DEVICE_CPU).TypeConstraint<int64_t>("Tout"),
                        RandomUniformIntOp<int64_t>);

}  // namespace
}  // namespace rill
