// Variant's out-of-line parts: C++ type-name demangling and printing (see variant.h).
#include "core/framework/variant.h"

#include <cxxabi.h>

#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace rill {

namespace variant_internal {

std::string DemangledTypeName(const std::type_info& type) {
  int status = 0;
  char* demangled = abi::__cxa_demangle(type.name(), nullptr, nullptr, &status);
  if (status != 0 || demangled == nullptr) return type.name();
  std::string name(demangled);
  std::free(demangled);
  return name;
}

}  // namespace variant_internal

std::string Variant::DebugString() const {
  if (value_ == nullptr) return "Variant<empty>";
  const std::string value = value_->ValueDebugString();
  if (value.empty()) return absl::StrCat("Variant<type: ", value_->TypeName(), ">");
  return absl::StrCat("Variant<type: ", value_->TypeName(), " value: ", value, ">");
}

}  // namespace rill
