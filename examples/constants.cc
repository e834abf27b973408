// The lecture's "Constants, Sequences" slide computed by Rill, each result under the
// tensor (and inferred shape) that computes it: `tools/bazel run //examples:constants`.
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "core/client/client_session.h"
#include "core/client/const_op.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "ops/array/array_ops.h"
#include "ops/array/constant_helpers.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace {

void Run() {
  Scope root = Scope::NewRootScope();
  // Each entry: the Python the slide shows, and the tensor Rill builds for it.
  std::vector<std::pair<std::string, Output>> slide;

  auto a = ops::Const(root.WithOpName("a"), {2, 2});
  auto b = ops::Const(root.WithOpName("b"), {{0, 1}, {2, 3}});
  slide.emplace_back("tf.multiply(a, b)  # a = [2 2], b = [[0 1] [2 3]]",
                     ops::Mul(root.WithOpName("mul"), a, b));

  slide.emplace_back("tf.zeros([2, 3], tf.int32)",
                     ops::Zeros(root.WithOpName("zeros"), {2, 3}, DT_INT32));
  auto input_tensor = ops::Const(root.WithOpName("input_tensor"), {{0, 1}, {2, 3}, {4, 5}});
  slide.emplace_back("tf.zeros_like([[0 1] [2 3] [4 5]])",
                     ops::ZerosLike(root.WithOpName("zeros_like"), input_tensor));
  slide.emplace_back("tf.ones([2, 2], tf.float32)",
                     ops::Ones(root.WithOpName("ones"), {2, 2}, DT_FLOAT));
  slide.emplace_back("tf.fill([2, 3], 8)", ops::Fill(root.WithOpName("fill"), {2, 3}, 8));

  slide.emplace_back("tf.lin_space(10.0, 13.0, 4)",
                     ops::LinSpace(root.WithOpName("lin_space"), 10.f, 13.f, 4));
  slide.emplace_back("tf.range(3, 18, 3)", ops::Range(root.WithOpName("range"), 3, 18, 3));
  slide.emplace_back("tf.range(5)", ops::Range(root.WithOpName("range_5"), 0, 5, 1));

  std::vector<Output> fetches;
  for (const auto& entry : slide) fetches.push_back(entry.second);
  ClientSession session(root);
  std::vector<Tensor> values;
  RILL_CHECK_OK(session.Run(fetches, &values));

  for (size_t i = 0; i < slide.size(); ++i) {
    std::cout << slide[i].first << "\n    " << slide[i].second
              << "\n    = " << values[i].DebugString() << "\n";
  }
}

}  // namespace
}  // namespace rill

int main() {
  rill::Run();
  return 0;
}
