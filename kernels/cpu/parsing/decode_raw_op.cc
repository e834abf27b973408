// CPU kernel of DecodeRaw: each string's bytes reinterpreted as a vector of T, swapping
// byte order when the data's endianness differs from the machine's.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

#include "absl/base/config.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/types.h"

namespace rill {
namespace {

#ifdef ABSL_IS_LITTLE_ENDIAN
constexpr bool kHostIsLittleEndian = true;
#else
constexpr bool kHostIsLittleEndian = false;
#endif

template <typename T>
class DecodeRawOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    bool little_endian;
    RETURN_IF_ERROR(ctx->GetAttr("little_endian", &little_endian));
    swap_bytes_ = little_endian != kHostIsLittleEndian && sizeof(T) > 1;
    return absl::OkStatus();
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& bytes = ctx->input(0);
    const auto strings = bytes.flat<std::string>();
    const int64_t length = strings.size() == 0 ? 0 : static_cast<int64_t>(strings(0).size());
    for (int64_t i = 0; i < strings.size(); ++i) {
      if (static_cast<int64_t>(strings(i).size()) != length) {
        return errors::InvalidArgument(
            "DecodeRaw requires input strings to all be the same size, but element ", i,
            " has size ", strings(i).size(), " != ", length);
      }
    }
    if (length % static_cast<int64_t>(sizeof(T)) != 0) {
      return errors::InvalidArgument("Input to DecodeRaw has length ", length,
                                     " that is not a multiple of ", sizeof(T), ", the size of ",
                                     DataTypeString(DataTypeToEnum<T>::value));
    }
    const int64_t per_string = length / static_cast<int64_t>(sizeof(T));
    TensorShape shape = bytes.shape();
    shape.AddDim(per_string);
    Tensor* output;
    RETURN_IF_ERROR(ctx->allocate_output(0, shape, &output));
    char* out = static_cast<char*>(output->data());
    for (int64_t i = 0; i < strings.size(); ++i) {
      std::memcpy(out + i * length, strings(i).data(), length);
    }
    if (swap_bytes_) {
      for (int64_t offset = 0; offset < output->NumElements(); ++offset) {
        char* value = out + offset * sizeof(T);
        // A complex value swaps its real and imaginary parts separately.
        constexpr size_t kPart = std::is_same_v<T, complex64> || std::is_same_v<T, complex128>
                                     ? sizeof(T) / 2
                                     : sizeof(T);
        for (size_t part = 0; part < sizeof(T); part += kPart) {
          std::reverse(value + part, value + part + kPart);
        }
      }
    }
    return absl::OkStatus();
  }

 private:
  bool swap_bytes_ = false;
};

#define REGISTER(T)                                                                           \
  REGISTER_KERNEL_BUILDER(Name("DecodeRaw").Device(DEVICE_CPU).TypeConstraint<T>("out_type"), \
                          DecodeRawOp<T>)
REGISTER(Eigen::half);
REGISTER(float);
REGISTER(double);
REGISTER(int32_t);
REGISTER(uint16_t);
REGISTER(uint8_t);
REGISTER(int16_t);
REGISTER(int8_t);
REGISTER(int64_t);
REGISTER(complex64);
REGISTER(complex128);
REGISTER(bool);
#undef REGISTER

}  // namespace
}  // namespace rill
