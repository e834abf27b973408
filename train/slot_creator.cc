// Slot variables (see slot_creator.h): a non-trainable Variable at the graph's root, on the
// primary variable's device, filled with one value.
#include "train/slot_creator.h"

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "core/client/const_op.h"
#include "core/framework/errors.h"
#include "core/framework/tensor.h"
#include "core/graph/graph.h"
#include "ops/array/array_ops.h"
#include "ops/state/constant_conversion.h"
#include "ops/state/initializers.h"

namespace rill {
namespace train {

ops::Variable CreateSlot(const Scope& scope, const ops::Variable& primary, double value,
                         const std::string& name) {
  if (!scope.ok()) return ops::Variable();
  if (primary.handle().node() == nullptr) {
    scope.UpdateStatus(
        errors::InvalidArgument("Cannot make slot ", name, " of a variable that was not built"));
    return ops::Variable();
  }
  const std::string slot_name = absl::StrCat(primary.name(), "/", name);
  const Scope root =
      scope.RootScope().WithDevice(primary.handle().node()->requested_device());
  const ops::Variable::Attrs not_trainable = ops::Variable::Trainable(false);
  absl::StatusOr<TensorShape> shape = primary.shape().AsTensorShape();
  if (shape.ok()) {
    const ops::Initializer initializer = value == 0.0   ? ops::ZerosInitializer()
                                         : value == 1.0 ? ops::OnesInitializer()
                                                        : ops::ConstantInitializer(value);
    return ops::Variable(root.WithOpName(slot_name), *shape, primary.dtype(), initializer,
                         not_trainable);
  }
  absl::StatusOr<Tensor> fill =
      ops::ConvertConstant(Tensor(value), primary.dtype(), absl::StrCat("slot ", slot_name));
  if (!fill.ok()) {
    scope.UpdateStatus(fill.status());
    return ops::Variable();
  }
  const Scope init = root.NewSubScope(absl::StrCat(slot_name, "/Initializer"));
  const Output initial_value =
      ops::Fill(init, ops::Shape(init, primary.initial_value()), ops::Const(init, *fill));
  return ops::Variable(root.WithOpName(slot_name), initial_value, not_trainable);
}

ops::Variable CreateZerosSlot(const Scope& scope, const ops::Variable& primary,
                              const std::string& name) {
  return CreateSlot(scope, primary, 0.0, name);
}

}  // namespace train
}  // namespace rill
