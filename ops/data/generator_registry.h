// GeneratorRegistry: the process-wide table of C++ generators that CppGeneratorDataset ops
// name by token, as TensorFlow's PyFunc names Python callables. Shared by the client
// (data/, which registers) and the kernel (kernels/cpu/data, which looks up).
#ifndef RILL_OPS_DATA_GENERATOR_REGISTRY_H_
#define RILL_OPS_DATA_GENERATOR_REGISTRY_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/tensor.h"

namespace rill {
namespace data {

// Generator returns the next element (one tensor per component), std::nullopt once there
// are no more, or an error, which the iterator reports and then continues after.
using Generator = std::function<absl::StatusOr<std::optional<std::vector<Tensor>>>()>;

// GeneratorFactory makes a fresh Generator for each iterator over the dataset (each
// initialization, each repetition), as Python's from_generator calls its generator
// function again. It may be called from any thread; one Generator is called by one
// thread at a time.
using GeneratorFactory = std::function<Generator()>;

// GeneratorRegistry maps tokens to factories. Entries live until Unregister (or the end of
// the process): a graph holding a token cannot say when it is no longer used. Thread-safe.
class GeneratorRegistry {
 public:
  // Global is the registry of this process.
  static GeneratorRegistry* Global();

  // Register stores `factory` and returns its new token, "cpp_generator_<n>".
  std::string Register(GeneratorFactory factory);

  // Lookup returns the factory of `token`; NotFound naming the token when none is
  // registered (a graph built in another process, or after Unregister).
  absl::StatusOr<GeneratorFactory> Lookup(const std::string& token) const;

  // Unregister drops `token`'s factory; unknown tokens are ignored.
  void Unregister(const std::string& token);

 private:
  mutable absl::Mutex mu_;
  int64_t next_id_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<std::string, GeneratorFactory> factories_ ABSL_GUARDED_BY(mu_);
};

}  // namespace data
}  // namespace rill

#endif  // RILL_OPS_DATA_GENERATOR_REGISTRY_H_
