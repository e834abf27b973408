// The gradient registry: one gradient function per differentiable op, keyed by op name
// (REGISTER_GRADIENT), registered from the op family's own target or from a plugin.
#ifndef RILL_CORE_CLIENT_GRADIENT_REGISTRY_H_
#define RILL_CORE_CLIENT_GRADIENT_REGISTRY_H_

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/node_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "core/client/gradient.h"
#include "core/client/ops.h"
#include "core/client/scope.h"

namespace rill {

// GradientFunction builds, in `scope`, the gradients of `op`'s data inputs from those of its
// outputs, and appends exactly op.num_inputs() of them to `grad_outputs` (Gradient() for an
// input that gets none, such as an integer index or shape). `grad_inputs[i]` is the dense
// gradient of output i; an output no gradient reached gets zeros when it is floating point,
// and an empty Output otherwise. An error goes back to the caller of the gradient driver,
// naming the op.
using GradientFunction =
    std::function<absl::Status(const Scope& scope, const Operation& op,
                               const std::vector<Output>& grad_inputs,
                               std::vector<Gradient>* grad_outputs)>;

// GradientRegistration is what the registry holds for one op type.
struct GradientRegistration {
  // function computes the gradients; null when forwards_sparse is set.
  GradientFunction function;
  // forwards_sparse: the op passes input 0 through (Identity, ReadVariableOp), so input 0's
  // gradient is output 0's exactly as it arrives, an IndexedSlices staying sparse, and the
  // other inputs get none.
  bool forwards_sparse = false;
};

// GradientRegistry maps op types to their gradients. Thread-safe. Registrations are never
// removed. Static registration (program start) aborts on a duplicate, naming the op;
// capture mode, for LoadLibrary, works as OpRegistry's: between BeginCapture and EndCapture
// registrations on the capturing thread are held back, a duplicate becomes the captured
// status (AlreadyExists) instead of aborting, and EndCapture commits all or none.
//
// Whether an op should have a gradient is the op's own declaration (OpDefBuilder's
// Differentiable() / NoGradient()); //ops:gradient_declaration_test checks that the two
// agree for every op of the project.
class GradientRegistry {
 public:
  static GradientRegistry* Global();

  void Register(const std::string& op_type, GradientRegistration registration);

  // LookUp returns the registration of `op_type`, or nullptr when it has none. The pointer
  // stays valid for the registry's lifetime.
  const GradientRegistration* LookUp(const std::string& op_type) const;

  // ListOpTypes returns every op type with a gradient, sorted.
  std::vector<std::string> ListOpTypes() const;

  void BeginCapture();
  struct Captured {
    std::vector<std::string> op_types;
    absl::Status status;
  };
  Captured EndCapture(bool commit = true);
  absl::Status PendingCaptureStatus() const;

 private:
  absl::Status PendingCaptureStatusLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  // Node-based so that LookUp's pointers survive rehashing.
  absl::node_hash_map<std::string, GradientRegistration> registry_ ABSL_GUARDED_BY(mu_);
  bool capturing_ ABSL_GUARDED_BY(mu_) = false;
  std::thread::id capture_thread_ ABSL_GUARDED_BY(mu_);
  std::vector<std::pair<std::string, GradientRegistration>> captured_ ABSL_GUARDED_BY(mu_);
};

namespace register_gradient {

// Registration implementation follows; REGISTER_GRADIENT is the interface.
struct Receiver {
  Receiver(const char* op_type, GradientRegistration registration);
};

}  // namespace register_gradient

// REGISTER_GRADIENT("MatMul", MatMulGrad) registers `fn` (a GradientFunction) as MatMul's
// gradient during static initialization; the target holding it must be alwayslink.
#define REGISTER_GRADIENT(op_type, fn) \
  RILL_REGISTER_GRADIENT_UNIQ_HELPER(__COUNTER__, op_type, (::rill::GradientRegistration{fn}))

// REGISTER_FORWARDING_GRADIENT("Identity") registers a pass-through gradient: input 0 gets
// output 0's gradient as it is, sparse or dense (see GradientRegistration::forwards_sparse).
#define REGISTER_FORWARDING_GRADIENT(op_type) \
  RILL_REGISTER_GRADIENT_UNIQ_HELPER(         \
      __COUNTER__, op_type, (::rill::GradientRegistration{nullptr, /*forwards_sparse=*/true}))

#define RILL_REGISTER_GRADIENT_UNIQ_HELPER(ctr, op_type, registration) \
  RILL_REGISTER_GRADIENT_UNIQ(ctr, op_type, registration)
#define RILL_REGISTER_GRADIENT_UNIQ(ctr, op_type, registration)      \
  [[maybe_unused]] static const ::rill::register_gradient::Receiver \
      rill_register_gradient##ctr(op_type, registration)

}  // namespace rill

#endif  // RILL_CORE_CLIENT_GRADIENT_REGISTRY_H_
