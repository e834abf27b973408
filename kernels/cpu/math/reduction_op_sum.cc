// The CPU kernels of Sum and Mean for half, bfloat16, float, double, int32 and int64
// (16-bit floats accumulate in float; integer Mean truncates).
#include <cstdint>

#include "kernels/cpu/math/reduction_op.h"

namespace rill {

#define REGISTER_SUM_AND_MEAN(T)                           \
  REGISTER_REDUCTION_CPU("Sum", reduction::SumReducer, T); \
  REGISTER_REDUCTION_CPU("Mean", reduction::MeanReducer, T)

REGISTER_SUM_AND_MEAN(Eigen::half);
REGISTER_SUM_AND_MEAN(Eigen::bfloat16);
REGISTER_SUM_AND_MEAN(float);
REGISTER_SUM_AND_MEAN(double);
REGISTER_SUM_AND_MEAN(int32_t);
REGISTER_SUM_AND_MEAN(int64_t);

#undef REGISTER_SUM_AND_MEAN

}  // namespace rill
