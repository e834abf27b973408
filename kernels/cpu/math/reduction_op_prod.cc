// The CPU kernels of Prod for half, bfloat16, float, double, int32 and int64 (16-bit
// floats accumulate in float; integers wrap on overflow).
#include <cstdint>

#include "kernels/cpu/math/reduction_op.h"

namespace rill {

REGISTER_REDUCTION_CPU("Prod", reduction::ProdReducer, Eigen::half);
REGISTER_REDUCTION_CPU("Prod", reduction::ProdReducer, Eigen::bfloat16);
REGISTER_REDUCTION_CPU("Prod", reduction::ProdReducer, float);
REGISTER_REDUCTION_CPU("Prod", reduction::ProdReducer, double);
REGISTER_REDUCTION_CPU("Prod", reduction::ProdReducer, int32_t);
REGISTER_REDUCTION_CPU("Prod", reduction::ProdReducer, int64_t);

}  // namespace rill
