// Cast's conversions from half, bfloat16, float and double to every cast type.
#include "kernels/cpu/math/cast_op.h"

namespace rill {

CastFn GetCastFromFloating(DataType src, DataType dst, bool truncate) {
  switch (src) {
    case DT_HALF:
      return GetCastFrom<Eigen::half>(dst, truncate);
    case DT_BFLOAT16:
      return GetCastFrom<Eigen::bfloat16>(dst, truncate);
    case DT_FLOAT:
      return GetCastFrom<float>(dst, truncate);
    case DT_DOUBLE:
      return GetCastFrom<double>(dst, truncate);
    default:
      return nullptr;
  }
}

}  // namespace rill
