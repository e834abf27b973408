// FunctionRunner: a function of a graph's library (a dataset's map function, a one-shot
// iterator's dataset factory) instantiated as a Graph with kernels on one device, and run
// once per call by an Executor on the calling thread.
#ifndef RILL_KERNELS_CPU_DATA_CAPTURED_FUNCTION_H_
#define RILL_KERNELS_CPU_DATA_CAPTURED_FUNCTION_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/framework/device.h"
#include "core/framework/op_kernel.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "core/graph/graph.h"
#include "core/protos/function.pb.h"
#include "core/runtime/executor.h"

namespace rill {
namespace data {

// FunctionRunner instantiates a FunctionDef, in TensorFlow's format:
//   - each input arg becomes a Placeholder node named after it, fed at each call;
//   - node inputs name an arg ("x"), a node output ("node:out_arg:index", or the graph
//     forms "node" and "node:3"), or a control input ("^node");
//   - `ret` maps each output arg to the node output it returns.
// Arg and output types must be concrete (`type`, not a type attr). The nodes' kernels are
// built once, with the same library at hand, so nested functions (a map inside a
// flat_map's function) instantiate too. Immutable after Create; Run is thread-safe.
class FunctionRunner {
 public:
  // Create instantiates function `name` of `library` on `device` (not owned; must outlive
  // the runner). NotFound when the library lacks it; InvalidArgument for a malformed
  // function, naming it; the kernels' construction errors.
  static absl::StatusOr<std::unique_ptr<FunctionRunner>> Create(
      const std::string& name, const tensorflow::FunctionDefLibrary& library, Device* device);

  ~FunctionRunner();
  FunctionRunner(const FunctionRunner&) = delete;
  FunctionRunner& operator=(const FunctionRunner&) = delete;

  const std::string& name() const { return name_; }
  const DataTypeVector& arg_types() const { return arg_types_; }
  const DataTypeVector& ret_types() const { return ret_types_; }

  // Run calls the function with `args` (one per arg, of its type) and sets `*rets` to its
  // results. InvalidArgument for wrong args; a kernel's error names its node.
  absl::Status Run(absl::Span<const Tensor> args, std::vector<Tensor>* rets) const;

 private:
  FunctionRunner() = default;

  std::string name_;
  DataTypeVector arg_types_;
  DataTypeVector ret_types_;
  std::unique_ptr<Graph> graph_;
  std::vector<std::unique_ptr<OpKernel>> kernels_;
  std::unique_ptr<Executor> executor_;
};

// InstantiateFunctionAttr instantiates the function that the kernel's func attr `attr`
// names, from the graph's library, on the kernel's device. FailedPrecondition when the
// kernel is built without a library (outside a graph).
absl::StatusOr<std::shared_ptr<const FunctionRunner>> InstantiateFunctionAttr(
    OpKernelConstruction* ctx, absl::string_view attr);

// CapturedFunction is a function bound to the tensors it captured (the op's
// other_arguments), which follow the element's components in every call.
struct CapturedFunction {
  std::shared_ptr<const FunctionRunner> runner;
  std::vector<Tensor> captured_inputs;

  // Run calls the function on `element` and the captured inputs.
  absl::Status Run(const std::vector<Tensor>& element, std::vector<Tensor>* rets) const;
};

}  // namespace data
}  // namespace rill

#endif  // RILL_KERNELS_CPU_DATA_CAPTURED_FUNCTION_H_
