// The CPU kernels of the rectifier activations Relu and Relu6 (int32, int64, half, bfloat16,
// float, double) and Elu (half, bfloat16, float, double): UnaryOp with the functors below.
#include <cstdint>

#include "kernels/cpu/math/unary_op.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace functor {

// ScalarRelu is max(x, 0); NaN stays NaN.
template <typename T>
struct ScalarRelu {
  T operator()(const T& x) const { return x < T(0) ? T(0) : x; }
  template <typename Packet>
  Packet packetOp(const Packet& x) const {
    const Packet zero = Eigen::internal::pset1<Packet>(T(0));
    return Eigen::internal::pselect(Eigen::internal::pcmp_lt(x, zero), zero, x);
  }
};

// ScalarRelu6 is min(max(x, 0), 6); NaN stays NaN.
template <typename T>
struct ScalarRelu6 {
  T operator()(const T& x) const { return x < T(0) ? T(0) : (T(6) < x ? T(6) : x); }
  template <typename Packet>
  Packet packetOp(const Packet& x) const {
    const Packet zero = Eigen::internal::pset1<Packet>(T(0));
    const Packet six = Eigen::internal::pset1<Packet>(T(6));
    const Packet relu = Eigen::internal::pselect(Eigen::internal::pcmp_lt(x, zero), zero, x);
    return Eigen::internal::pselect(Eigen::internal::pcmp_lt(six, relu), six, relu);
  }
};

// ScalarElu is x for x >= 0 and exp(x) - 1 (computed as expm1, accurate near 0) below;
// NaN stays NaN.
template <typename T>
struct ScalarElu {
  T operator()(const T& x) const { return x < T(0) ? Eigen::numext::expm1(x) : x; }
  template <typename Packet>
  Packet packetOp(const Packet& x) const {
    const Packet zero = Eigen::internal::pset1<Packet>(T(0));
    return Eigen::internal::pselect(Eigen::internal::pcmp_lt(x, zero),
                                    Eigen::internal::pexpm1(x), x);
  }
};

template <typename T>
struct Relu : UnaryFunctor<T, ScalarRelu<T>> {};

template <typename T>
struct Relu6 : UnaryFunctor<T, ScalarRelu6<T>> {};

template <typename T>
struct Elu : UnaryFunctor<T, ScalarElu<T>> {};

}  // namespace functor
}  // namespace rill

namespace Eigen {
namespace internal {

template <typename T>
struct functor_traits<rill::functor::ScalarRelu<T>> {
  enum { Cost = NumTraits<T>::AddCost, PacketAccess = packet_traits<T>::HasCmp };
};

template <typename T>
struct functor_traits<rill::functor::ScalarRelu6<T>> {
  enum { Cost = 2 * NumTraits<T>::AddCost, PacketAccess = packet_traits<T>::HasCmp };
};

template <typename T>
struct functor_traits<rill::functor::ScalarElu<T>> {
  enum {
    Cost = functor_traits<scalar_expm1_op<T>>::Cost + NumTraits<T>::AddCost,
    PacketAccess = packet_traits<T>::HasCmp && packet_traits<T>::HasExpm1
  };
};

}  // namespace internal
}  // namespace Eigen

namespace rill {

REGISTER_UNARY_OP_CPU("Relu", functor::Relu, int32_t);
REGISTER_UNARY_OP_CPU("Relu", functor::Relu, int64_t);
REGISTER_UNARY_OP_CPU("Relu", functor::Relu, Eigen::half);
REGISTER_UNARY_OP_CPU("Relu", functor::Relu, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Relu", functor::Relu, float);
REGISTER_UNARY_OP_CPU("Relu", functor::Relu, double);

REGISTER_UNARY_OP_CPU("Relu6", functor::Relu6, int32_t);
REGISTER_UNARY_OP_CPU("Relu6", functor::Relu6, int64_t);
REGISTER_UNARY_OP_CPU("Relu6", functor::Relu6, Eigen::half);
REGISTER_UNARY_OP_CPU("Relu6", functor::Relu6, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Relu6", functor::Relu6, float);
REGISTER_UNARY_OP_CPU("Relu6", functor::Relu6, double);

REGISTER_UNARY_OP_CPU("Elu", functor::Elu, Eigen::half);
REGISTER_UNARY_OP_CPU("Elu", functor::Elu, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Elu", functor::Elu, float);
REGISTER_UNARY_OP_CPU("Elu", functor::Elu, double);

}  // namespace rill
