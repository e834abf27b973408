// Cast's conversions from bool, int8, int16, int32 and int64 to every cast type.
#include <cstdint>

#include "kernels/cpu/math/cast_op.h"

namespace rill {

CastFn GetCastFromBoolOrSigned(DataType src, DataType dst, bool truncate) {
  switch (src) {
    case DT_BOOL:
      return GetCastFrom<bool>(dst, truncate);
    case DT_INT8:
      return GetCastFrom<int8_t>(dst, truncate);
    case DT_INT16:
      return GetCastFrom<int16_t>(dst, truncate);
    case DT_INT32:
      return GetCastFrom<int32_t>(dst, truncate);
    case DT_INT64:
      return GetCastFrom<int64_t>(dst, truncate);
    default:
      return nullptr;
  }
}

}  // namespace rill
