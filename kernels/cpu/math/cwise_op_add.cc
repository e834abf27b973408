// The CPU kernels of Add and AddV2 (BinaryOp with functor::Add) for half, bfloat16,
// float, double, int32 and int64; Add also concatenates strings.
#include <cstdint>
#include <string>

#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"

namespace rill {

REGISTER_BINARY_OP_CPU("Add", functor::Add, Eigen::half);
REGISTER_BINARY_OP_CPU("Add", functor::Add, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("Add", functor::Add, float);
REGISTER_BINARY_OP_CPU("Add", functor::Add, double);
REGISTER_BINARY_OP_CPU("Add", functor::Add, int32_t);
REGISTER_BINARY_OP_CPU("Add", functor::Add, int64_t);
REGISTER_BINARY_OP_CPU("Add", functor::Add, std::string);

REGISTER_BINARY_OP_CPU("AddV2", functor::Add, Eigen::half);
REGISTER_BINARY_OP_CPU("AddV2", functor::Add, Eigen::bfloat16);
REGISTER_BINARY_OP_CPU("AddV2", functor::Add, float);
REGISTER_BINARY_OP_CPU("AddV2", functor::Add, double);
REGISTER_BINARY_OP_CPU("AddV2", functor::Add, int32_t);
REGISTER_BINARY_OP_CPU("AddV2", functor::Add, int64_t);

}  // namespace rill
