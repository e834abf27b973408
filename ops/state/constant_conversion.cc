// ConvertConstant (see constant_conversion.h): one element-wise loop per pair of real
// number types, with the range and integrality checks of the target type.
#include "ops/state/constant_conversion.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>

#include "core/framework/errors.h"

namespace rill {
namespace ops {
namespace {

template <typename T>
inline constexpr bool kIsFloating = std::is_floating_point_v<T> || std::is_same_v<T, Eigen::half> ||
                                    std::is_same_v<T, Eigen::bfloat16>;
template <typename T>
inline constexpr bool kIsInteger = std::is_integral_v<T> && !std::is_same_v<T, bool>;
template <typename T>
inline constexpr bool kIsReal = kIsFloating<T> || kIsInteger<T> || std::is_same_v<T, bool>;

// Convert returns `from` as a To, or nothing when the value would not survive.
template <typename To, typename From>
std::optional<To> Convert(From from) {
  if constexpr (std::is_same_v<To, bool>) {
    return std::is_same_v<From, bool> ? std::optional<To>(static_cast<bool>(from)) : std::nullopt;
  } else if constexpr (kIsFloating<To>) {
    return static_cast<To>(static_cast<double>(from));
  } else if constexpr (kIsInteger<From> || std::is_same_v<From, bool>) {
    const To to = static_cast<To>(from);
    if (static_cast<From>(to) != from || ((to < To(0)) != (from < From(0)))) return std::nullopt;
    return to;
  } else {
    const double value = static_cast<double>(from);
    if (!std::isfinite(value) || std::trunc(value) != value ||
        value < static_cast<double>(std::numeric_limits<To>::lowest()) ||
        value > static_cast<double>(std::numeric_limits<To>::max())) {
      return std::nullopt;
    }
    return static_cast<To>(value);
  }
}

}  // namespace

absl::StatusOr<Tensor> ConvertConstant(const Tensor& value, DataType dtype,
                                       absl::string_view what) {
  if (value.dtype() == dtype) return value;
  Tensor converted(dtype, value.shape());
  absl::Status status =
      errors::InvalidArgument("Cannot convert a constant of dtype ", DataTypeString(value.dtype()),
                              " to ", DataTypeString(dtype), " for ", what);
  VisitDataType(value.dtype(), [&](auto from_tag) {
    using From = typename decltype(from_tag)::type;
    if constexpr (kIsReal<From>) {
      VisitDataType(dtype, [&](auto to_tag) {
        using To = typename decltype(to_tag)::type;
        if constexpr (kIsReal<To>) {
          const auto in = value.flat<From>();
          auto out = converted.flat<To>();
          for (int64_t i = 0; i < in.size(); ++i) {
            const std::optional<To> element = Convert<To>(in(i));
            if (!element.has_value()) {
              status = errors::InvalidArgument("Cannot convert ", static_cast<double>(in(i)),
                                               " (element ", i, " of the ",
                                               DataTypeString(value.dtype()), " constant) to ",
                                               DataTypeString(dtype), " for ", what);
              return;
            }
            out(i) = *element;
          }
          status = absl::OkStatus();
        }
      });
    }
  });
  if (!status.ok()) return status;
  return converted;
}

}  // namespace ops
}  // namespace rill
