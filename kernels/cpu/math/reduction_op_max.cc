// The CPU kernels of Max for half, bfloat16, float, double, int32 and int64 (NaN
// propagates).
#include <cstdint>

#include "kernels/cpu/math/reduction_op.h"

namespace rill {

REGISTER_REDUCTION_CPU("Max", reduction::MaxReducer, Eigen::half);
REGISTER_REDUCTION_CPU("Max", reduction::MaxReducer, Eigen::bfloat16);
REGISTER_REDUCTION_CPU("Max", reduction::MaxReducer, float);
REGISTER_REDUCTION_CPU("Max", reduction::MaxReducer, double);
REGISTER_REDUCTION_CPU("Max", reduction::MaxReducer, int32_t);
REGISTER_REDUCTION_CPU("Max", reduction::MaxReducer, int64_t);

}  // namespace rill
