// A plugin whose first op collides with "ToyCollision", which load_library_test registers
// statically; its second op, "ToyNeverCommitted", must not be registered either.
#include "core/framework/common_shape_fns.h"
#include "core/framework/op_registry.h"

namespace rill {
namespace {

REGISTER_OP("ToyCollision").Input("x: float").Output("y: float").SetShapeFn(UnchangedShape);
REGISTER_OP("ToyNeverCommitted").Output("y: float").SetShapeFn(ScalarShape);

}  // namespace
}  // namespace rill
