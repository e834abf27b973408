// Cast's conversions from uint8, uint16, uint32 and uint64 to every cast type.
#include <cstdint>

#include "kernels/cpu/math/cast_op.h"

namespace rill {

CastFn GetCastFromUnsigned(DataType src, DataType dst, bool truncate) {
  switch (src) {
    case DT_UINT8:
      return GetCastFrom<uint8_t>(dst, truncate);
    case DT_UINT16:
      return GetCastFrom<uint16_t>(dst, truncate);
    case DT_UINT32:
      return GetCastFrom<uint32_t>(dst, truncate);
    case DT_UINT64:
      return GetCastFrom<uint64_t>(dst, truncate);
    default:
      return nullptr;
  }
}

}  // namespace rill
