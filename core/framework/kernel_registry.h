// The kernel registry: REGISTER_KERNEL_BUILDER records which OpKernel class computes an op
// on a device for which attr values; CreateOpKernel finds and builds the one for a node.
#ifndef RILL_CORE_FRAMEWORK_KERNEL_REGISTRY_H_
#define RILL_CORE_FRAMEWORK_KERNEL_REGISTRY_H_

#include <atomic>
#include <initializer_list>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "core/framework/device_type.h"
#include "core/framework/op_kernel.h"
#include "core/framework/types.h"
#include "core/protos/node_def.pb.h"

namespace rill {

class Device;

// KernelDef says when a kernel applies: to nodes of op `op` placed on devices of type
// `device_type` whose type attrs satisfy every constraint and whose "_kernel" attr equals
// `label` (both empty for ordinary kernels). Among the kernels that apply, the highest
// `priority` wins.
struct KernelDef {
  // TypeConstraint: the attr `attr` (a type or list(type) attr) must hold only `allowed`.
  struct TypeConstraint {
    std::string attr;
    absl::InlinedVector<DataType, 4> allowed;
  };

  std::string op;
  std::string device_type;
  std::vector<TypeConstraint> constraints;
  // host_memory_args: input and output argument names kept in host memory.
  std::vector<std::string> host_memory_args;
  std::string label;
  int priority = 0;

  // DebugString: "device='CPU'; T in [DT_FLOAT, DT_INT32]; label='x'; priority=1".
  std::string DebugString() const;
};

// KernelDefBuilder builds a KernelDef with a chain of calls; REGISTER_KERNEL_BUILDER takes
// it under the name `Name`:
//   REGISTER_KERNEL_BUILDER(Name("Add").Device(DEVICE_CPU).TypeConstraint<float>("T"),
//                           AddOp<float>);
class KernelDefBuilder {
 public:
  explicit KernelDefBuilder(const char* op_name);

  // Device sets the device type the kernel runs on (DEVICE_CPU, DEVICE_GPU, ...).
  KernelDefBuilder& Device(const char* device_type);
  // TypeConstraint<T>("T") admits only the C++ type T's DataType for attr "T".
  template <typename T>
  KernelDefBuilder& TypeConstraint(const char* attr) {
    return TypeConstraint(attr, {DataTypeToEnum<T>::value});
  }
  // TypeConstraint("T", {DT_FLOAT, DT_DOUBLE}) admits any of the listed types.
  KernelDefBuilder& TypeConstraint(const char* attr, std::initializer_list<DataType> allowed);
  KernelDefBuilder& TypeConstraint(const char* attr, DataTypeSlice allowed);
  // HostMemory keeps the input or output argument `arg_name` in host memory.
  KernelDefBuilder& HostMemory(const char* arg_name);
  // Priority breaks ties between kernels that both apply; higher wins. Default 0.
  KernelDefBuilder& Priority(int priority);
  // Label restricts the kernel to nodes whose "_kernel" attr equals `label`.
  KernelDefBuilder& Label(const char* label);

  const KernelDef& def() const { return def_; }

 private:
  KernelDef def_;
};

// KernelFactory builds an (uninitialized) kernel; REGISTER_KERNEL_BUILDER writes one.
using KernelFactory = OpKernel* (*)(OpKernelConstruction* ctx);

// KernelRegistration is one registered kernel. `provider` is the Bazel target whose
// library registered it ("//kernels/cpu/math:math_kernels") when that target defined
// RILL_KERNEL_PROVIDER, else empty.
struct KernelRegistration {
  KernelDef def;
  std::string kernel_class_name;
  std::string provider;
  KernelFactory factory = nullptr;
};

// KernelRegistry holds every registered kernel. Thread-safe. Registrations are never
// removed, so a `const KernelRegistration*` it returns stays valid for the process.
//
// Registration outside capture mode (static REGISTER_KERNEL_BUILDER at program start)
// fails loudly: an invalid or duplicate KernelDef prints what is wrong and aborts.
//
// Capture mode is for loading plugins at run time, alongside OpRegistry's:
//   registry->BeginCapture();
//   void* handle = dlopen(path, ...);            // runs the plugin's registrations
//   KernelRegistry::Captured captured = registry->EndCapture();
// Between BeginCapture and EndCapture, registrations made ON THE CAPTURING THREAD are
// validated and held back instead of aborting; the first error becomes `captured.status`.
// EndCapture adds all held kernels when the status is OK and none otherwise. `names`
// describes each kernel the capture saw ("Add: device='CPU'; T in [DT_FLOAT] (AddOp)").
// Captures are serialized: a second BeginCapture waits until the first EndCapture.
// Registrations from other threads during a capture behave as outside capture mode.
class KernelRegistry {
 public:
  KernelRegistry();
  ~KernelRegistry();

  // Global is the process-wide registry that REGISTER_KERNEL_BUILDER fills.
  static KernelRegistry* Global();

  // Register adds a kernel: InvalidArgument when the KernelDef lacks an op or a device
  // type or has an empty or repeated constraint; AlreadyExists when an identical KernelDef
  // is registered. Returns the error (and adds nothing) instead of aborting. During a
  // capture on this thread it returns OK and holds the kernel, or its error, for EndCapture.
  absl::Status Register(KernelRegistration registration);

  // FindKernel returns the kernel for `node_def` on `device_type`: every constraint holds
  // (a type attr missing from the node takes its default from OpRegistry::Global()), the
  // "_kernel" attr matches the kernel's label (both may be empty), and
  // its priority is the highest. NotFound when none applies (the message lists the
  // kernels that exist, their devices and providers); InvalidArgument when several tie.
  // Lock-free and allocation-free when a kernel is found: it reads an immutable index
  // (rebuilt once after registrations change) and looks each constrained attr up once.
  absl::StatusOr<const KernelRegistration*> FindKernel(
      absl::string_view device_type, const tensorflow::NodeDef& node_def) const;

  // KernelsRegisteredForOp describes each kernel of `op`, e.g.
  // "device='CPU'; T in [DT_FLOAT]  (from //kernels/cpu/math:math_kernels)".
  std::vector<std::string> KernelsRegisteredForOp(absl::string_view op) const;

  void BeginCapture();
  struct Captured {
    std::vector<std::string> names;
    absl::Status status;
  };
  // EndCapture(commit = false) discards the held kernels even when they are valid
  // (LoadLibrary does so when the op capture of the same library failed).
  Captured EndCapture(bool commit = true);

  // PendingCaptureStatus is the status EndCapture would report now.
  absl::Status PendingCaptureStatus() const;

 private:
  struct OpKernels;
  class Index;

  // CurrentIndex returns the lookup index for the registrations made so far, building it
  // when a registration made the last one stale.
  const Index& CurrentIndex() const ABSL_LOCKS_EXCLUDED(mu_);
  absl::Status ValidateLocked(const KernelRegistration& registration) const
      ABSL_SHARED_LOCKS_REQUIRED(mu_);
  void AddLocked(KernelRegistration registration) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  // registrations_by_op_: every kernel, by op, in registration order; owned here.
  absl::flat_hash_map<std::string, std::vector<std::unique_ptr<const KernelRegistration>>>
      registrations_by_op_ ABSL_GUARDED_BY(mu_);
  // index_: the current index, or null when stale. Every index ever published stays alive
  // in `indexes_` (until the registry dies) because lock-free readers may still hold it.
  mutable std::atomic<const Index*> index_{nullptr};
  mutable std::vector<std::unique_ptr<const Index>> indexes_ ABSL_GUARDED_BY(mu_);
  bool capturing_ ABSL_GUARDED_BY(mu_) = false;
  std::thread::id capture_thread_ ABSL_GUARDED_BY(mu_);
  std::vector<KernelRegistration> captured_ ABSL_GUARDED_BY(mu_);
  Captured capture_result_ ABSL_GUARDED_BY(mu_);
};

// FindKernel looks `node_def` up in the global registry (see KernelRegistry::FindKernel).
absl::StatusOr<const KernelRegistration*> FindKernel(absl::string_view device_type,
                                                     const tensorflow::NodeDef& node_def);

// KernelsRegisteredForOp describes the global registry's kernels of `op`.
std::vector<std::string> KernelsRegisteredForOp(absl::string_view op);

// CreateOpKernel builds and initializes the kernel for `node_def` on `device` (of type
// `device_type`): looks the op up in the op registry, fills in default attrs, finds the
// kernel, resolves argument and memory types, then runs the constructor and Initialize.
// `function_library` (may be null) is the graph's, for kernels that run functions named by
// their attrs (OpKernelConstruction::function_library). Errors name the node: NotFound for
// an unknown op or no kernel, InvalidArgument for a node that does not fit its op,
// whatever Initialize returns.
absl::StatusOr<std::unique_ptr<OpKernel>> CreateOpKernel(
    absl::string_view device_type, Device* device, const tensorflow::NodeDef& node_def,
    const tensorflow::FunctionDefLibrary* function_library = nullptr);

// SupportedDeviceTypesForNode returns those of `device_types` (in their order) that have
// a kernel for `node_def`. NotFound when the node's op is not registered.
absl::StatusOr<std::vector<std::string>> SupportedDeviceTypesForNode(
    absl::Span<const std::string> device_types, const tensorflow::NodeDef& node_def);

// RILL_KERNEL_PROVIDER names the Bazel target being compiled, for "link this" hints in
// lookup errors; an op library sets it with copts = ['-DRILL_KERNEL_PROVIDER="//pkg:t"'].
#ifndef RILL_KERNEL_PROVIDER
#define RILL_KERNEL_PROVIDER ""
#endif

// REGISTER_KERNEL_BUILDER(Name("Op").Device(...)..., KernelClass) registers KernelClass
// at static-initialization time (of the program, or of a plugin being dlopen'ed). The
// registering target must be alwayslink. An invalid registration aborts with a message
// (outside capture mode; see KernelRegistry).
#define REGISTER_KERNEL_BUILDER(kernel_builder, ...) \
  RILL_REGISTER_KERNEL_BUILDER_UNIQ_HELPER(__COUNTER__, kernel_builder, __VA_ARGS__)

// Registration implementation follows; kernel authors need not read further.
#define RILL_REGISTER_KERNEL_BUILDER_UNIQ_HELPER(ctr, kernel_builder, ...) \
  RILL_REGISTER_KERNEL_BUILDER_UNIQ(ctr, kernel_builder, __VA_ARGS__)

#define RILL_REGISTER_KERNEL_BUILDER_UNIQ(ctr, kernel_builder, ...)                  \
  static const bool rill_kernel_registrar_##ctr [[maybe_unused]] =                   \
      ::rill::kernel_registration::Register(                                         \
          ::rill::kernel_registration::kernel_builder, #__VA_ARGS__,                 \
          RILL_KERNEL_PROVIDER,                                                      \
          [](::rill::OpKernelConstruction* ctx) -> ::rill::OpKernel* {               \
            return new __VA_ARGS__(ctx);                                             \
          })

namespace kernel_registration {

// Name is the KernelDefBuilder as REGISTER_KERNEL_BUILDER spells it.
class Name : public KernelDefBuilder {
 public:
  explicit Name(const char* op_name) : KernelDefBuilder(op_name) {}
};

// Register adds a kernel to the global registry; outside capture mode an error is printed
// and aborts. Returns true.
bool Register(const KernelDefBuilder& builder, const char* kernel_class_name,
              const char* provider, KernelFactory factory);

}  // namespace kernel_registration
}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_KERNEL_REGISTRY_H_
