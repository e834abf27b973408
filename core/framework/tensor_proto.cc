// Tensor <-> TensorProto: tensor_content bytes and the typed *_val fields, with
// TensorFlow's "fewer values repeat the last one" rule (FORMATS.md section 3.3).
#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"

namespace rill {

namespace {

using ::tensorflow::TensorProto;

// ProtoValues<T> says how elements of type T travel in a TensorProto's typed field:
// Count (number of elements present), Get (element i, validated) and Add (append one).
template <typename T>
struct ProtoValues;

#define RILL_PLAIN_PROTO_VALUES(TYPE, FIELD)                                      \
  template <>                                                                     \
  struct ProtoValues<TYPE> {                                                      \
    static int64_t Count(const TensorProto& proto) { return proto.FIELD##_size(); } \
    static absl::Status Get(const TensorProto& proto, int64_t i, TYPE* out) {     \
      *out = proto.FIELD(i);                                                      \
      return absl::OkStatus();                                                    \
    }                                                                             \
    static void Add(TensorProto* proto, const TYPE& value) {                      \
      proto->add_##FIELD(value);                                                  \
    }                                                                             \
  }

RILL_PLAIN_PROTO_VALUES(float, float_val);
RILL_PLAIN_PROTO_VALUES(double, double_val);
RILL_PLAIN_PROTO_VALUES(int32_t, int_val);
RILL_PLAIN_PROTO_VALUES(int64_t, int64_val);
RILL_PLAIN_PROTO_VALUES(uint32_t, uint32_val);
RILL_PLAIN_PROTO_VALUES(uint64_t, uint64_val);
RILL_PLAIN_PROTO_VALUES(bool, bool_val);
RILL_PLAIN_PROTO_VALUES(std::string, string_val);

#undef RILL_PLAIN_PROTO_VALUES

// NarrowIntProtoValues: int8/int16/uint8/uint16 travel widened in int_val.
template <typename T>
struct NarrowIntProtoValues {
  static int64_t Count(const TensorProto& proto) { return proto.int_val_size(); }
  static absl::Status Get(const TensorProto& proto, int64_t i, T* out) {
    const int32_t value = proto.int_val(i);
    if (value < std::numeric_limits<T>::min() || value > std::numeric_limits<T>::max()) {
      return errors::InvalidArgument("int_val[", i, "] = ", value, " is out of range for ",
                                     DataTypeString(DataTypeToEnum<T>::value));
    }
    *out = static_cast<T>(value);
    return absl::OkStatus();
  }
  static void Add(TensorProto* proto, const T& value) { proto->add_int_val(value); }
};
template <>
struct ProtoValues<int8_t> : NarrowIntProtoValues<int8_t> {};
template <>
struct ProtoValues<int16_t> : NarrowIntProtoValues<int16_t> {};
template <>
struct ProtoValues<uint8_t> : NarrowIntProtoValues<uint8_t> {};
template <>
struct ProtoValues<uint16_t> : NarrowIntProtoValues<uint16_t> {};

// HalfProtoValues: half and bfloat16 travel as their 16-bit pattern in half_val.
template <typename T>
struct HalfProtoValues {
  static int64_t Count(const TensorProto& proto) { return proto.half_val_size(); }
  static absl::Status Get(const TensorProto& proto, int64_t i, T* out) {
    const int32_t bits = proto.half_val(i);
    if (bits < 0 || bits > 0xFFFF) {
      return errors::InvalidArgument("half_val[", i, "] = ", bits,
                                     " is not a 16-bit pattern for ",
                                     DataTypeString(DataTypeToEnum<T>::value));
    }
    *out = Eigen::numext::bit_cast<T>(static_cast<uint16_t>(bits));
    return absl::OkStatus();
  }
  static void Add(TensorProto* proto, const T& value) {
    proto->add_half_val(Eigen::numext::bit_cast<uint16_t>(value));
  }
};
template <>
struct ProtoValues<Eigen::half> : HalfProtoValues<Eigen::half> {};
template <>
struct ProtoValues<Eigen::bfloat16> : HalfProtoValues<Eigen::bfloat16> {};

// ComplexProtoValues: complex numbers travel as (real, imaginary) pairs.
template <typename T, typename Part>
struct ComplexProtoValues {
  static const google::protobuf::RepeatedField<Part>& Field(const TensorProto& proto) {
    if constexpr (std::is_same_v<Part, float>) {
      return proto.scomplex_val();
    } else {
      return proto.dcomplex_val();
    }
  }
  static int64_t Count(const TensorProto& proto) { return Field(proto).size() / 2; }
  static absl::Status Get(const TensorProto& proto, int64_t i, T* out) {
    *out = T(Field(proto).Get(2 * i), Field(proto).Get(2 * i + 1));
    return absl::OkStatus();
  }
  static google::protobuf::RepeatedField<Part>* MutableField(TensorProto* proto) {
    if constexpr (std::is_same_v<Part, float>) {
      return proto->mutable_scomplex_val();
    } else {
      return proto->mutable_dcomplex_val();
    }
  }
  static void Add(TensorProto* proto, const T& value) {
    google::protobuf::RepeatedField<Part>* field = MutableField(proto);
    field->Add(value.real());
    field->Add(value.imag());
  }
};
template <>
struct ProtoValues<complex64> : ComplexProtoValues<complex64, float> {};
template <>
struct ProtoValues<complex128> : ComplexProtoValues<complex128, double> {};

template <>
struct ProtoValues<ResourceHandle> {
  static int64_t Count(const TensorProto& proto) { return proto.resource_handle_val_size(); }
  static absl::Status Get(const TensorProto& proto, int64_t i, ResourceHandle* out) {
    return out->FromProto(proto.resource_handle_val(i));
  }
  static void Add(TensorProto* proto, const ResourceHandle& value) {
    value.AsProto(proto->add_resource_handle_val());
  }
};

// Variants are stored, not serialized: writing keeps only each element's type name, and
// reading accepts only a proto without variant values (all elements empty).
template <>
struct ProtoValues<Variant> {
  static int64_t Count(const TensorProto& proto) { return proto.variant_val_size(); }
  static absl::Status Get(const TensorProto& proto, int64_t i, Variant* out) {
    return errors::Unimplemented("Cannot deserialize DT_VARIANT value of type \"",
                                 proto.variant_val(i).type_name(),
                                 "\": Rill keeps variants in memory only");
  }
  static void Add(TensorProto* proto, const Variant& value) {
    proto->add_variant_val()->set_type_name(value.TypeName());
  }
};

// ReadTypedValues fills `num_elements` elements from the typed field: the values present,
// then the last one repeated; zeros (or default objects) when there are none.
template <typename T>
absl::Status ReadTypedValues(const TensorProto& proto, int64_t num_elements, T* out) {
  using Values = ProtoValues<T>;
  if constexpr (std::is_same_v<T, complex64> || std::is_same_v<T, complex128>) {
    if (Values::Field(proto).size() % 2 != 0) {
      return errors::InvalidArgument("Complex tensor proto has ", Values::Field(proto).size(),
                                     " parts; (real, imaginary) pairs need an even count");
    }
  }
  const int64_t present = Values::Count(proto);
  if (present == 0) {
    if constexpr (std::is_trivially_copyable_v<T>) {
      std::memset(static_cast<void*>(out), 0, num_elements * sizeof(T));
    }
    return absl::OkStatus();
  }
  const int64_t read = std::min(present, num_elements);
  for (int64_t i = 0; i < read; ++i) RETURN_IF_ERROR(Values::Get(proto, i, out + i));
  for (int64_t i = read; i < num_elements; ++i) out[i] = out[read - 1];
  return absl::OkStatus();
}

}  // namespace

absl::Status Tensor::FromProto(const TensorProto& proto) {
  return FromProto(CpuAllocator(), proto);
}

absl::Status Tensor::FromProto(Allocator* allocator, const TensorProto& proto) {
  const DataType dtype = proto.dtype();
  const size_t element_size = [&] {
    size_t size = 0;
    VisitDataType(dtype, [&](auto tag) { size = sizeof(typename decltype(tag)::type); });
    return size;
  }();
  if (element_size == 0) {
    return errors::InvalidArgument("Cannot parse a tensor proto of dtype ",
                                   DataTypeString(dtype));
  }
  absl::StatusOr<TensorShape> shape = TensorShape::FromProto(proto.tensor_shape());
  if (!shape.ok()) {
    return errors::InvalidArgument("Invalid tensor proto shape: ", shape.status().message());
  }
  const int64_t num_elements = shape->num_elements();
  const std::string& content = proto.tensor_content();
  if (!content.empty()) {
    if (!DataTypeCanUseMemcpy(dtype)) {
      return errors::InvalidArgument("A ", DataTypeString(dtype),
                                     " tensor proto cannot use tensor_content");
    }
    if (content.size() / element_size != static_cast<uint64_t>(num_elements) ||
        content.size() % element_size != 0) {
      return errors::InvalidArgument("tensor_content has ", content.size(),
                                     " bytes; shape ", shape->DebugString(), " of ",
                                     DataTypeString(dtype), " needs ",
                                     num_elements * static_cast<int64_t>(element_size));
    }
  }
  Tensor parsed(allocator, dtype, *shape);
  if (!parsed.IsInitialized()) {
    return errors::ResourceExhausted("Cannot allocate a ", DataTypeString(dtype),
                                     " tensor of shape ", shape->DebugString());
  }
  if (!content.empty()) {
    std::memcpy(parsed.data(), content.data(), content.size());
  } else if (num_elements > 0) {
    absl::Status status;
    VisitDataType(dtype, [&](auto tag) {
      using T = typename decltype(tag)::type;
      status = ReadTypedValues<T>(proto, num_elements, static_cast<T*>(parsed.data()));
    });
    RETURN_IF_ERROR(status);
  }
  *this = std::move(parsed);
  return absl::OkStatus();
}

void Tensor::AsProtoField(TensorProto* proto) const {
  proto->Clear();
  proto->set_dtype(dtype_);
  shape_.AsProto(proto->mutable_tensor_shape());
  if (data_ == nullptr) return;
  VisitDataType(dtype_, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* values = static_cast<const T*>(data_);
    for (int64_t i = 0; i < NumElements(); ++i) ProtoValues<T>::Add(proto, values[i]);
  });
}

void Tensor::AsProtoTensorContent(TensorProto* proto) const {
  if (!DataTypeCanUseMemcpy(dtype_)) {
    AsProtoField(proto);
    return;
  }
  proto->Clear();
  proto->set_dtype(dtype_);
  shape_.AsProto(proto->mutable_tensor_shape());
  if (data_ != nullptr) proto->set_tensor_content(std::string(tensor_data()));
}

}  // namespace rill
