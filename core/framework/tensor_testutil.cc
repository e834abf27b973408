// Non-template parts of the tensor test helpers: the element comparison ExpectTensorNear
// uses.
#include "core/framework/tensor_testutil.h"

#include <cmath>

namespace rill {
namespace test {
namespace internal {

namespace {

bool PartIsNear(double actual, double expected, double tolerance) {
  if (std::isnan(actual) || std::isnan(expected)) {
    return std::isnan(actual) && std::isnan(expected);
  }
  if (actual == expected) return true;
  return std::fabs(actual - expected) <= tolerance;
}

}  // namespace

bool IsNear(std::complex<double> actual, std::complex<double> expected, double tolerance) {
  return PartIsNear(actual.real(), expected.real(), tolerance) &&
         PartIsNear(actual.imag(), expected.imag(), tolerance);
}

}  // namespace internal
}  // namespace test
}  // namespace rill
