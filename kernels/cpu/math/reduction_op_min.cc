// The CPU kernels of Min for half, bfloat16, float, double, int32 and int64 (NaN
// propagates).
#include <cstdint>

#include "kernels/cpu/math/reduction_op.h"

namespace rill {

REGISTER_REDUCTION_CPU("Min", reduction::MinReducer, Eigen::half);
REGISTER_REDUCTION_CPU("Min", reduction::MinReducer, Eigen::bfloat16);
REGISTER_REDUCTION_CPU("Min", reduction::MinReducer, float);
REGISTER_REDUCTION_CPU("Min", reduction::MinReducer, double);
REGISTER_REDUCTION_CPU("Min", reduction::MinReducer, int32_t);
REGISTER_REDUCTION_CPU("Min", reduction::MinReducer, int64_t);

}  // namespace rill
