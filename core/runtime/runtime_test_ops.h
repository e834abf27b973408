// Small ops with CPU kernels that the runtime's tests and benchmark run (Rt*: constant,
// add, counting identity, barrier, failure, placeholder, wait-for-cancel), and NodeDef
// helpers that build them.
#ifndef RILL_CORE_RUNTIME_RUNTIME_TEST_OPS_H_
#define RILL_CORE_RUNTIME_RUNTIME_TEST_OPS_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/protos/node_def.pb.h"

namespace rill {
namespace runtime_test {

// The ops, all float unless said otherwise:
//   RtConst(value: tensor, dtype) -> output: dtype      cheap; outputs `value`
//   RtAdd(x, y) -> z                                     x + y, same shapes
//   RtCounter(x) -> y                                    y = x; counts its runs by node name
//   RtBarrier(barrier: string, parties: int) -> output   waits (10 s at most) until
//       `parties` RtBarrier kernels with that barrier name are inside Compute together
//   RtFail(x, message: string, add_context: bool) -> y   fails with InvalidArgument(message),
//       with the node context already appended when add_context
//   RtPlaceholder(dtype, shape) -> output: dtype          fails like an unfed Placeholder
//   RtWaitForCancel() -> output                          returns Cancelled once the step is
//       cancelled (DeadlineExceeded after 10 s)

// ExecutionCount is how many times the RtCounter node `node_name` has run, in any
// session, since the last ResetExecutionCounts.
int64_t ExecutionCount(absl::string_view node_name);
void ResetExecutionCounts();

// NodeDef builders; `input` names are tensor names ("a", "a:0"). They abort on misuse.
tensorflow::NodeDef ConstNode(absl::string_view name, const Tensor& value);
tensorflow::NodeDef AddNode(absl::string_view name, absl::string_view x, absl::string_view y);
tensorflow::NodeDef CounterNode(absl::string_view name, absl::string_view x);
tensorflow::NodeDef BarrierNode(absl::string_view name, absl::string_view barrier,
                                int parties);
tensorflow::NodeDef FailNode(absl::string_view name, absl::string_view x,
                             absl::string_view message, bool add_context);
tensorflow::NodeDef PlaceholderNode(absl::string_view name, DataType dtype,
                                    const PartialTensorShape& shape);
tensorflow::NodeDef WaitForCancelNode(absl::string_view name);

}  // namespace runtime_test
}  // namespace rill

#endif  // RILL_CORE_RUNTIME_RUNTIME_TEST_OPS_H_
