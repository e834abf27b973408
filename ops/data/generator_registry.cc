// GeneratorRegistry: a mutex-guarded map from tokens to generator factories.
#include "ops/data/generator_registry.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"

namespace rill {
namespace data {

GeneratorRegistry* GeneratorRegistry::Global() {
  static GeneratorRegistry* const registry = new GeneratorRegistry();
  return registry;
}

std::string GeneratorRegistry::Register(GeneratorFactory factory) {
  absl::MutexLock lock(&mu_);
  std::string token = absl::StrCat("cpp_generator_", next_id_++);
  factories_[token] = std::move(factory);
  return token;
}

absl::StatusOr<GeneratorFactory> GeneratorRegistry::Lookup(const std::string& token) const {
  absl::MutexLock lock(&mu_);
  auto it = factories_.find(token);
  if (it == factories_.end()) {
    return errors::NotFound("No C++ generator is registered under token '", token,
                            "' in this process: a CppGeneratorDataset only runs in the "
                            "process that built it (the callable is not in the GraphDef)");
  }
  return it->second;
}

void GeneratorRegistry::Unregister(const std::string& token) {
  absl::MutexLock lock(&mu_);
  factories_.erase(token);
}

}  // namespace data
}  // namespace rill
