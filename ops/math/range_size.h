// RangeSize: the length of Range(start, limit, delta) and the checks on its arguments,
// shared by Range's shape function and its kernels so that both always agree.
#ifndef RILL_OPS_MATH_RANGE_SIZE_H_
#define RILL_OPS_MATH_RANGE_SIZE_H_

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>

#include "Eigen/Core"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"

namespace rill {
namespace range_internal {

// ValueString prints a Range argument: integers exactly, floating point with six digits.
template <typename T>
std::string ValueString(T value) {
  if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
    return absl::StrCat(static_cast<int64_t>(value));
  } else if constexpr (std::is_integral_v<T>) {
    return absl::StrCat(static_cast<uint64_t>(value));
  } else {
    return absl::StrCat(static_cast<double>(value));
  }
}

}  // namespace range_internal

// IsRangeType<T>: T is one of the element types Range's Tidx admits, the ones
// RILL_CALL_RANGE_TYPES lists.
template <typename T>
inline constexpr bool IsRangeType =
    std::is_same_v<T, Eigen::bfloat16> || std::is_same_v<T, Eigen::half> ||
    std::is_same_v<T, float> || std::is_same_v<T, double> || std::is_same_v<T, int8_t> ||
    std::is_same_v<T, int16_t> || std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t> ||
    std::is_same_v<T, uint16_t> || std::is_same_v<T, uint32_t> || std::is_same_v<T, uint64_t>;

#define RILL_CALL_RANGE_TYPES(m)                                                                  \
  m(Eigen::bfloat16) m(Eigen::half) m(float) m(double) m(int8_t) m(int16_t) m(int32_t) m(int64_t) \
      m(uint16_t) m(uint32_t) m(uint64_t)

// RangeSize returns the number of elements of Range(start, limit, delta) for element type
// T (an integer or floating-point type, Eigen::half and Eigen::bfloat16 included), as
// TensorFlow computes it: ceil(|limit - start| / |delta|), exactly for integers and in T's
// own arithmetic for floating point. InvalidArgument when delta is 0, points away from
// limit, or the size does not fit in int64 (NaN and infinite arguments included).
template <typename T>
absl::StatusOr<int64_t> RangeSize(T start, T limit, T delta) {
  if (delta == T(0)) return errors::InvalidArgument("Requires delta != 0");
  if (delta > T(0) && start > limit) {
    return errors::InvalidArgument(
        "Requires start <= limit when delta > 0: ", range_internal::ValueString(start), "/",
        range_internal::ValueString(limit));
  }
  if (delta < T(0) && start < limit) {
    return errors::InvalidArgument(
        "Requires start >= limit when delta < 0: ", range_internal::ValueString(start), "/",
        range_internal::ValueString(limit));
  }
  constexpr int64_t kMaxSize = std::numeric_limits<int64_t>::max();
  if constexpr (std::is_integral_v<T>) {
    // Differences taken in uint64 cannot overflow for any integer type of up to 64 bits.
    const bool up = delta > T(0);
    const uint64_t distance = up ? static_cast<uint64_t>(limit) - static_cast<uint64_t>(start)
                                 : static_cast<uint64_t>(start) - static_cast<uint64_t>(limit);
    const uint64_t step =
        up ? static_cast<uint64_t>(delta) : uint64_t{0} - static_cast<uint64_t>(delta);
    const uint64_t size = distance / step + (distance % step != 0 ? 1 : 0);
    if (size > static_cast<uint64_t>(kMaxSize)) {
      return errors::InvalidArgument("Requires ((limit - start) / delta) <= ", kMaxSize);
    }
    return static_cast<int64_t>(size);
  } else {
    const T size = Eigen::numext::ceil(Eigen::numext::abs((limit - start) / delta));
    // 2^63 as a double; NaN fails the comparison too.
    if (!(static_cast<double>(size) < 9223372036854775808.0)) {
      return errors::InvalidArgument("Requires ((limit - start) / delta) <= ", kMaxSize);
    }
    return static_cast<int64_t>(static_cast<double>(size));
  }
}

}  // namespace rill

#endif  // RILL_OPS_MATH_RANGE_SIZE_H_
