// OpKernel: the computation of one node on one device, built once and run every step;
// OpKernelConstruction (what a kernel sees when built) and OpKernelContext (one run).
#ifndef RILL_CORE_FRAMEWORK_OP_KERNEL_H_
#define RILL_CORE_FRAMEWORK_OP_KERNEL_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include "absl/base/optimization.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/framework/device_type.h"
#include "core/framework/node_def_util.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "core/protos/function.pb.h"
#include "core/protos/node_def.pb.h"
#include "core/protos/op_def.pb.h"

namespace Eigen {
struct ThreadPoolDevice;
}  // namespace Eigen

namespace rill {

class Allocator;
class Device;
class OpKernelConstruction;
class OpKernelContext;
class ResourceMgr;

// NodeErrorContext is what AddNodeContext appends to errors: " [[node a (Add)]]".
std::string NodeErrorContext(absl::string_view node_name, absl::string_view op);

// OpKernel is the computation of one NodeDef on one device. The kernel registry builds it
// once per node (see CreateOpKernel in kernel_registry.h) in two steps:
//   1. the constructor `Kernel(OpKernelConstruction* ctx)` (usually `using
//      OpKernel::OpKernel;`), which must not fail;
//   2. `Initialize(ctx)`, which reads and validates attrs and precomputes what it can;
//      a non-OK Status there means the node cannot run, and the kernel is discarded.
// The executor then calls `Compute` once per step, possibly from several threads at once
// (one node in concurrent steps): Compute must be thread-safe and keep per-run state in
// the OpKernelContext, never in the kernel.
//
//   template <typename T>
//   class AddOp : public OpKernel {
//    public:
//     using OpKernel::OpKernel;
//     absl::Status Compute(OpKernelContext* ctx) override {
//       const Tensor& x = ctx->input(0);
//       ...
//       Tensor* z;
//       RETURN_IF_ERROR(ctx->allocate_output(0, x.shape(), &z));
//       ...
//       return absl::OkStatus();
//     }
//   };
class OpKernel {
 public:
  explicit OpKernel(OpKernelConstruction* ctx);
  virtual ~OpKernel();

  OpKernel(const OpKernel&) = delete;
  OpKernel& operator=(const OpKernel&) = delete;

  // Initialize reads and validates this kernel's attrs (ctx->GetAttr). The default reads
  // nothing. Called exactly once, right after the constructor, before any Compute.
  virtual absl::Status Initialize(OpKernelConstruction* ctx);

  // Compute runs the kernel on ctx's inputs and sets all of ctx's outputs. It validates its
  // inputs before touching their memory and returns an error naming the offending value.
  virtual absl::Status Compute(OpKernelContext* ctx) = 0;

  // IsExpensive says whether Compute is worth a trip to the inter-op pool. Kernels that
  // do O(1) work (Identity, Const, shape ops) return false and the executor runs them
  // inline on the thread that made them ready.
  virtual bool IsExpensive() const { return true; }

  const tensorflow::NodeDef& def() const { return def_; }
  const tensorflow::OpDef& op_def() const { return *op_def_; }
  // name is the node's name; type_string its op ("Add").
  const std::string& name() const { return def_.name(); }
  const std::string& type_string() const { return def_.op(); }
  // requested_device is the device the graph asked for ("/device:GPU:0"), maybe empty.
  const std::string& requested_device() const { return def_.device(); }

  int num_inputs() const { return static_cast<int>(input_types_.size()); }
  int num_outputs() const { return static_cast<int>(output_types_.size()); }
  DataType input_type(int i) const { return input_types_[i]; }
  DataType output_type(int i) const { return output_types_[i]; }
  const DataTypeVector& input_types() const { return input_types_; }
  const DataTypeVector& output_types() const { return output_types_; }
  // input_memory_types / output_memory_types say which arguments live in host memory on
  // this kernel's device (HostMemory args, and string/resource/variant tensors).
  const MemoryTypeVector& input_memory_types() const { return input_memory_types_; }
  const MemoryTypeVector& output_memory_types() const { return output_memory_types_; }

  // InputRange / OutputRange give the flat indices [*start, *stop) of the argument named
  // `arg_name` in the OpDef (a list argument spans several). NotFound for an unknown name.
  absl::Status InputRange(absl::string_view arg_name, int* start, int* stop) const;
  absl::Status OutputRange(absl::string_view arg_name, int* start, int* stop) const;

  // AddNodeContext returns `status` with NodeErrorContext appended (OK stays OK), for
  // errors that leave the kernel.
  absl::Status AddNodeContext(const absl::Status& status) const;

 private:
  const tensorflow::NodeDef def_;
  const tensorflow::OpDef* const op_def_;
  const DataTypeVector input_types_;
  const DataTypeVector output_types_;
  const MemoryTypeVector input_memory_types_;
  const MemoryTypeVector output_memory_types_;
  const NameRangeMap input_name_map_;
  const NameRangeMap output_name_map_;
};

// OpKernelConstruction is what a kernel sees while it is built: the node (with the op's
// attr defaults filled in), the op, the device, and the resolved argument types. It lives
// only during CreateOpKernel; a kernel copies what it needs to keep.
class OpKernelConstruction {
 public:
  // Params: everything CreateOpKernel resolved for the node. `node_def` (with defaults
  // filled in), `op_def` (the registry's, which outlives every kernel) and `device` are
  // borrowed; name maps come from NameRangesForNode.
  struct Params {
    std::string device_type;
    Device* device = nullptr;
    const tensorflow::NodeDef* node_def = nullptr;
    const tensorflow::OpDef* op_def = nullptr;
    DataTypeVector input_types;
    DataTypeVector output_types;
    MemoryTypeVector input_memory_types;
    MemoryTypeVector output_memory_types;
    NameRangeMap input_name_map;
    NameRangeMap output_name_map;
    // function_library: the functions of the node's graph; may be null.
    const tensorflow::FunctionDefLibrary* function_library = nullptr;
  };

  explicit OpKernelConstruction(Params params) : params_(std::move(params)) {}

  OpKernelConstruction(const OpKernelConstruction&) = delete;
  OpKernelConstruction& operator=(const OpKernelConstruction&) = delete;

  const tensorflow::NodeDef& def() const { return *params_.node_def; }
  const tensorflow::OpDef& op_def() const { return *params_.op_def; }
  const std::string& device_type() const { return params_.device_type; }
  Device* device() const { return params_.device; }

  int num_inputs() const { return static_cast<int>(params_.input_types.size()); }
  int num_outputs() const { return static_cast<int>(params_.output_types.size()); }
  DataType input_type(int i) const { return params_.input_types[i]; }
  DataType output_type(int i) const { return params_.output_types[i]; }
  const DataTypeVector& input_types() const { return params_.input_types; }
  const DataTypeVector& output_types() const { return params_.output_types; }
  const MemoryTypeVector& input_memory_types() const { return params_.input_memory_types; }
  const MemoryTypeVector& output_memory_types() const { return params_.output_memory_types; }

  // function_library holds the functions of the node's graph, which `func` attrs name (a
  // dataset's map function); null when the kernel is built outside a graph. Valid only
  // during construction: a kernel copies the functions it needs.
  const tensorflow::FunctionDefLibrary* function_library() const {
    return params_.function_library;
  }

  // HasAttr says whether the node has the attr `attr_name`.
  bool HasAttr(absl::string_view attr_name) const;

  // GetAttr reads the attr `attr_name` into *value (any type GetNodeAttr accepts: int64_t,
  // float, bool, std::string, DataType, TensorShape, and their vectors). The error names
  // the node.
  template <typename T>
  absl::Status GetAttr(absl::string_view attr_name, T* value) const {
    return AddNodeContext(GetNodeAttr(AttrSlice(*params_.node_def), attr_name, value));
  }

  // allocate_temp allocates a tensor on the device, e.g. a table precomputed in Initialize.
  absl::Status allocate_temp(DataType dtype, const TensorShape& shape, Tensor* out);

  // AddNodeContext returns `status` with NodeErrorContext appended; OK stays OK.
  absl::Status AddNodeContext(const absl::Status& status) const;

 private:
  friend class OpKernel;

  const Params params_;
};

// OpKernelContext is one run of one kernel: its inputs, outputs, device and step. The
// executor builds it (usually on its stack) from Params, calls kernel->Compute(&ctx), and
// takes the outputs with release_output. Not thread-safe: one Compute uses it at a time.
class OpKernelContext {
 public:
  // Runner runs a closure on the intra-op pool (or inline), for kernels that split work.
  using Runner = std::function<void(std::function<void()>)>;

  // Params: everything the executor passes in. All pointers are borrowed and must
  // outlive the context; only `op_kernel`, `device` and `inputs` are required.
  struct Params {
    OpKernel* op_kernel = nullptr;
    Device* device = nullptr;
    // inputs[i] is input i, one per op_kernel->num_inputs().
    absl::Span<const Tensor* const> inputs;
    // forwardable_inputs[i] says that input i belongs to this node alone in this step
    // (no other consumer reads the same Tensor object), so its buffer may be reused for
    // an output when nothing else references it. Empty: no input may be forwarded.
    absl::Span<const bool> forwardable_inputs;
    int64_t step_id = 0;
    // resource_manager: per-session state; null means the device's resource manager.
    ResourceMgr* resource_manager = nullptr;
    // cancelled: set to true by another thread when the step is cancelled; may be null.
    const std::atomic<bool>* cancelled = nullptr;
    // runner: null means closures run inline on the calling thread.
    const Runner* runner = nullptr;
    // outputs, when not null, is where output i goes (outputs[i], one per
    // op_kernel->num_outputs(), empty on entry): the executor's value slots, so that
    // outputs need no moving. Null: the context holds them until release_output.
    Tensor* outputs = nullptr;
  };

  // REQUIRES: params.op_kernel, params.device non-null and params.inputs.size() ==
  // params.op_kernel->num_inputs().
  explicit OpKernelContext(const Params& params);

  OpKernelContext(const OpKernelContext&) = delete;
  OpKernelContext& operator=(const OpKernelContext&) = delete;

  const OpKernel& op_kernel() const { return *params_.op_kernel; }
  Device* device() const { return params_.device; }
  int64_t step_id() const { return params_.step_id; }
  ResourceMgr* resource_manager() const { return resource_manager_; }
  // eigen_cpu_device runs Eigen expressions on the device's intra-op threads.
  const Eigen::ThreadPoolDevice& eigen_cpu_device() const;
  // is_cancelled: the step was cancelled; long kernels check it and return Cancelled.
  bool is_cancelled() const;
  // RunClosure runs `fn` with the step's runner (inline when there is none).
  void RunClosure(std::function<void()> fn) const;

  int num_inputs() const { return static_cast<int>(params_.inputs.size()); }
  int num_outputs() const { return static_cast<int>(output_set_.size()); }
  // input(i): REQUIRES 0 <= i < num_inputs().
  const Tensor& input(int i) const { return *params_.inputs[i]; }
  DataType input_dtype(int i) const { return params_.op_kernel->input_type(i); }
  DataType expected_output_dtype(int i) const { return params_.op_kernel->output_type(i); }
  // input(name, &tensor) finds the single-tensor input argument `name` of the OpDef.
  // InvalidArgument when `name` is a list argument, NotFound when there is no such arg.
  absl::Status input(absl::string_view name, const Tensor** tensor) const;

  // allocate_output allocates output i with `shape` and the output's dtype, in host
  // memory when the output's memory type is HOST_MEMORY. *out stays owned by the context.
  absl::Status allocate_output(int i, const TensorShape& shape, Tensor** out);
  // set_output makes `tensor` output i. Internal error when its dtype is not output i's.
  absl::Status set_output(int i, Tensor tensor);
  // forward_input_or_allocate_output reuses the buffer of the first of
  // `candidate_input_indices` that is forwardable, referenced only by its input slot, and
  // of output i's dtype and shape.num_elements(); otherwise it allocates. *forwarded_input
  // (may be null) receives the input reused, or -1.
  absl::Status forward_input_or_allocate_output(
      absl::Span<const int> candidate_input_indices, int i, const TensorShape& shape,
      Tensor** out, int* forwarded_input = nullptr);
  // allocate_temp allocates a scratch tensor on the device for the duration of Compute.
  absl::Status allocate_temp(DataType dtype, const TensorShape& shape, Tensor* out);

  // has_output: output i was allocated or set.
  bool has_output(int i) const { return output_set_[i]; }
  // mutable_output: output i, REQUIRES has_output(i).
  Tensor* mutable_output(int i) { return &outputs_[i]; }
  // release_output moves output i out of the context (when Params::outputs is null).
  // REQUIRES has_output(i).
  Tensor release_output(int i);

  // AddNodeContext returns `status` with NodeErrorContext appended; OK stays OK.
  absl::Status AddNodeContext(const absl::Status& status) const {
    return params_.op_kernel->AddNodeContext(status);
  }

 private:
  absl::Status CheckOutputIndex(int i) const {
    if (ABSL_PREDICT_TRUE(i >= 0 && i < num_outputs())) return absl::OkStatus();
    return OutputIndexError(i);
  }
  absl::Status OutputIndexError(int i) const;
  Allocator* OutputAllocator(int i) const;

  const Params params_;
  ResourceMgr* const resource_manager_;
  // owned_outputs_ holds the outputs when Params::outputs is null; outputs_ points to
  // wherever they are.
  absl::InlinedVector<Tensor, 4> owned_outputs_;
  Tensor* const outputs_;
  absl::InlinedVector<bool, 4> output_set_;
};

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_OP_KERNEL_H_
