// The CPU kernel of RandomShuffle (every dtype): TensorFlow's Fisher-Yates shuffle of the
// first dimension, with its draws (one 32-bit word per swap, taken modulo the range).
#include <cstdint>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "core/random/philox_random.h"
#include "core/random/random_distributions.h"
#include "kernels/cpu/random/random_kernel.h"

namespace rill {
namespace {

#define RILL_AS_DATA_TYPE(T) DataTypeToEnum<T>::value,
const DataType kAllTypes[] = {RILL_CALL_ALL_TYPES(RILL_AS_DATA_TYPE)};
#undef RILL_AS_DATA_TYPE

// RandomShuffleOp: a tensor with fewer than two rows (or no elements) passes through and
// draws nothing; otherwise it reserves rows - 1 words and, for i = 0 .. rows - 2, swaps row
// i with row i + word % (rows - i), as TensorFlow's RandomShuffle does.
class RandomShuffleOp : public RandomKernel {
 public:
  using RandomKernel::RandomKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    if (input.NumElements() <= 1 || input.dim_size(0) <= 1) return ctx->set_output(0, input);
    const int64_t rows = input.dim_size(0);
    if (rows > std::numeric_limits<uint32_t>::max()) {
      return errors::InvalidArgument("RandomShuffle supports at most 2^32 - 1 rows, got ", rows);
    }
    random::PhiloxRandom gen = generator().ReserveSamples32(rows - 1);
    random::SingleSampleAdapter<random::PhiloxRandom> single(&gen);
    std::vector<int64_t> permutation(rows);
    std::iota(permutation.begin(), permutation.end(), 0);
    for (int64_t i = 0; i + 1 < rows; ++i) {
      std::swap(permutation[i], permutation[i + single() % static_cast<uint32_t>(rows - i)]);
    }
    Tensor* output;
    RETURN_IF_ERROR(ctx->allocate_output(0, input.shape(), &output));
    const int64_t row_size = input.NumElements() / rows;
    VisitDataType(input.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const auto in = input.flat<T>();
      auto out = output->flat<T>();
      for (int64_t i = 0; i < rows; ++i) {
        const int64_t from = permutation[i] * row_size;
        for (int64_t j = 0; j < row_size; ++j) out(i * row_size + j) = in(from + j);
      }
    });
    return absl::OkStatus();
  }
};

REGISTER_KERNEL_BUILDER(Name("RandomShuffle").Device(DEVICE_CPU).TypeConstraint("T", kAllTypes),
                        RandomShuffleOp);

}  // namespace
}  // namespace rill
