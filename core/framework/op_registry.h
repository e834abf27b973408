// The op registry: every op definition (REGISTER_OP) by name, with lookup, export as an
// OpList, and a capture mode that lets plugin loading (LoadLibrary) collect registrations.
#ifndef RILL_CORE_FRAMEWORK_OP_REGISTRY_H_
#define RILL_CORE_FRAMEWORK_OP_REGISTRY_H_

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/op_def_builder.h"
#include "core/protos/op_def.pb.h"

namespace rill {

// OpRegistryInterface is anything ops can be looked up in: the global registry, or a
// registry built from an OpList (e.g. the ops a GraphDef was produced with).
class OpRegistryInterface {
 public:
  virtual ~OpRegistryInterface() = default;

  // LookUp returns the registration of `op_type`, or NotFound
  // "Op type not registered 'Foo' ..." (with a hint naming the providing target when known).
  virtual absl::StatusOr<const OpRegistrationData*> LookUp(
      const std::string& op_type) const = 0;

  // LookUpOpDef is LookUp(op_type)->op_def.
  absl::StatusOr<const tensorflow::OpDef*> LookUpOpDef(const std::string& op_type) const;
};

// OpRegistry maps op names to their OpRegistrationData. Registered data is never removed,
// so returned pointers stay valid for the registry's lifetime. All methods are thread-safe.
//
// Registration outside capture mode (static REGISTER_OP at program start) fails loudly: a
// malformed spec or a duplicate name prints the op name and the bad fragment and aborts.
//
// Capture mode is for loading plugins at run time:
//   registry->BeginCapture();
//   void* handle = dlopen(path, ...);            // runs the plugin's REGISTER_OPs
//   OpRegistry::Captured captured = registry->EndCapture();
// Between BeginCapture and EndCapture, registrations made ON THE CAPTURING THREAD are
// validated and held back instead of aborting: the first error (InvalidArgument for a bad
// spec, AlreadyExists naming the op for a duplicate, within the capture or against the
// registry) becomes `captured.status`. EndCapture commits all held registrations when the
// status is OK and none of them otherwise, so nothing from a failed capture stays
// registered. `captured.names` lists every op name the capture saw, in registration order.
// Captures are serialized: a second BeginCapture waits until the first EndCapture.
// Registrations from other threads during a capture behave as outside capture mode.
class OpRegistry : public OpRegistryInterface {
 public:
  OpRegistry();
  ~OpRegistry() override;

  // Global returns the process-wide registry that REGISTER_OP fills.
  static OpRegistry* Global();

  // Register finalizes `builder` and adds the op (see the class comment for errors).
  void Register(const OpDefBuilder& builder);

  absl::StatusOr<const OpRegistrationData*> LookUp(
      const std::string& op_type) const override;

  // GetOpList returns every registered OpDef, sorted by name.
  tensorflow::OpList GetOpList() const;

  // ListOpNames returns every registered op name, sorted.
  std::vector<std::string> ListOpNames() const;

  // RegisterOpProvider records that `target` (a Bazel target or plugin path, e.g.
  // "//ops/math:math_ops") defines `op_name`; LookUp's NotFound then tells the user what to
  // link or load. Providers may be recorded before or without the op being registered.
  void RegisterOpProvider(const std::string& op_name, const std::string& target);

  // BeginCapture / EndCapture: see the class comment. REQUIRES: this thread is not already
  // capturing (a nested BeginCapture would wait for itself).
  void BeginCapture();
  struct Captured {
    std::vector<std::string> names;
    absl::Status status;
  };
  // EndCapture(commit = false) discards the held registrations even when they are valid
  // (LoadLibrary does so when the kernel capture of the same library failed).
  Captured EndCapture(bool commit = true);

  // PendingCaptureStatus is the status EndCapture would report now.
  absl::Status PendingCaptureStatus() const;

 private:
  absl::Status RegisterLocked(std::unique_ptr<OpRegistrationData> data)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::unique_ptr<OpRegistrationData>> registry_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, std::string> providers_ ABSL_GUARDED_BY(mu_);
  bool capturing_ ABSL_GUARDED_BY(mu_) = false;
  absl::Status PendingCaptureStatusLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  std::thread::id capture_thread_ ABSL_GUARDED_BY(mu_);
  std::vector<std::unique_ptr<OpRegistrationData>> captured_ ABSL_GUARDED_BY(mu_);
  Captured capture_result_ ABSL_GUARDED_BY(mu_);
};

// OpListOpRegistry serves lookups from a fixed OpList (no shape functions), e.g. to check a
// GraphDef against the ops of the binary that produced it. The OpList is copied.
class OpListOpRegistry : public OpRegistryInterface {
 public:
  explicit OpListOpRegistry(const tensorflow::OpList& op_list);
  ~OpListOpRegistry() override;

  absl::StatusOr<const OpRegistrationData*> LookUp(
      const std::string& op_type) const override;

 private:
  absl::flat_hash_map<std::string, std::unique_ptr<OpRegistrationData>> index_;
};

namespace register_op {

// Registration implementation follows; REGISTER_OP is the interface.
class OpDefBuilderReceiver {
 public:
  OpDefBuilderReceiver(const OpDefBuilder& builder);  // NOLINT: implicit on purpose.
};

}  // namespace register_op

// REGISTER_OP("Name").Input("x: T").Output("y: T").Attr("T: {float, int32}")
//     .SetShapeFn(UnchangedShape).Doc("...");
// registers the op in OpRegistry::Global() during static initialization. Targets holding
// REGISTER_OPs must be alwayslink = 1.
#define REGISTER_OP(name) RILL_REGISTER_OP_UNIQ_HELPER(__COUNTER__, name)
#define RILL_REGISTER_OP_UNIQ_HELPER(ctr, name) RILL_REGISTER_OP_UNIQ(ctr, name)
#define RILL_REGISTER_OP_UNIQ(ctr, name)                                  \
  [[maybe_unused]] static ::rill::register_op::OpDefBuilderReceiver      \
      rill_register_op##ctr = ::rill::OpDefBuilder(name)

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_OP_REGISTRY_H_
