// Test ops and helpers for core/graph's tests: small ops (registered by this testonly
// library) and one-line node builders, so graph tests need no real op library.
#ifndef RILL_CORE_GRAPH_GRAPH_TEST_UTIL_H_
#define RILL_CORE_GRAPH_GRAPH_TEST_UTIL_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/framework/tensor.h"
#include "core/graph/graph.h"
#include "core/protos/node_def.pb.h"

// The ops this library registers (TensorFlow's definitions where one exists):
//   Const                  value: tensor, dtype: type -> output: dtype (shape of value)
//   GraphTestPlaceholder   dtype: type, shape: shape = unknown -> output: dtype (shape)
//   GraphTestAdd           x: T, y: T -> z: T (broadcasting), T in {float, double, int32, int64}
//   GraphTestMatMul        a: T, b: T -> product: T (MatMulShape), transpose_a/_b: bool = false
//   GraphTestAddN          inputs: N * T -> sum: T (shape of input 0)
//   GraphTestConcat        values: Tlist -> output: int32 (unknown shape), Tlist: list(type)
//   GraphTestReshape       tensor: T, shape: int32 -> output: T (shape from the shape input)
//   GraphTestSplit         x: T -> first: T, second: T (both the shape of x)
//   GraphTestNoOp          no inputs, no outputs
//   GraphTestVar           (stateful) dtype: type -> resource: resource (scalar)
//   GraphTestRead          resource: resource -> value: dtype
// and CPU kernels for all of them that do nothing (placement tests need kernels to exist).
// GraphTestMatMul also has a GPU kernel; GraphTestRead has only a CPU one.

namespace rill {
namespace test {

// MakeNodeDef returns a NodeDef with the given name, op, inputs and requested device.
tensorflow::NodeDef MakeNodeDef(absl::string_view name, absl::string_view op,
                                const std::vector<std::string>& inputs = {},
                                absl::string_view device = "");

// AddConst adds a Const node holding `value`; aborts on error.
Node* AddConst(Graph* graph, absl::string_view name, const Tensor& value);

// AddNode adds MakeNodeDef(name, op, inputs, device) to `graph`.
absl::StatusOr<Node*> AddNode(Graph* graph, absl::string_view name, absl::string_view op,
                              const std::vector<std::string>& inputs = {},
                              absl::string_view device = "");

// AddPlaceholder adds a float GraphTestPlaceholder of `shape`; aborts on error.
Node* AddPlaceholder(Graph* graph, absl::string_view name, const PartialTensorShape& shape);

// Names returns the nodes' names, in order.
std::vector<std::string> Names(const std::vector<const Node*>& nodes);

}  // namespace test
}  // namespace rill

#endif  // RILL_CORE_GRAPH_GRAPH_TEST_UTIL_H_
