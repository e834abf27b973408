// ResourceHandle <-> ResourceHandleProto, equality and printing (see resource_handle.h).
#include "core/framework/resource_handle.h"

#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"

namespace rill {

void ResourceHandle::AsProto(::tensorflow::ResourceHandleProto* proto) const {
  proto->Clear();
  proto->set_device(device_);
  proto->set_container(container_);
  proto->set_name(name_);
  proto->set_hash_code(hash_code_);
  proto->set_maybe_type_name(maybe_type_name_);
  for (const DtypeAndPartialTensorShape& entry : dtypes_and_shapes_) {
    auto* out = proto->add_dtypes_and_shapes();
    out->set_dtype(entry.dtype);
    entry.shape.AsProto(out->mutable_shape());
  }
}

::tensorflow::ResourceHandleProto ResourceHandle::AsProto() const {
  ::tensorflow::ResourceHandleProto proto;
  AsProto(&proto);
  return proto;
}

absl::Status ResourceHandle::FromProto(const ::tensorflow::ResourceHandleProto& proto) {
  std::vector<DtypeAndPartialTensorShape> dtypes_and_shapes;
  dtypes_and_shapes.reserve(proto.dtypes_and_shapes_size());
  for (const auto& entry : proto.dtypes_and_shapes()) {
    absl::StatusOr<PartialTensorShape> shape = PartialTensorShape::FromProto(entry.shape());
    if (!shape.ok()) {
      return errors::InvalidArgument("Resource handle \"", proto.name(), "\": ",
                                     shape.status().message());
    }
    dtypes_and_shapes.push_back({entry.dtype(), *std::move(shape)});
  }
  device_ = proto.device();
  container_ = proto.container();
  name_ = proto.name();
  hash_code_ = proto.hash_code();
  maybe_type_name_ = proto.maybe_type_name();
  dtypes_and_shapes_ = std::move(dtypes_and_shapes);
  return absl::OkStatus();
}

std::string ResourceHandle::DebugString() const {
  return absl::StrCat("ResourceHandle(name=\"", name_, "\", device=\"", device_,
                      "\", container=\"", container_, "\", type=\"", maybe_type_name_,
                      "\")");
}

bool ResourceHandle::operator==(const ResourceHandle& other) const {
  if (device_ != other.device_ || container_ != other.container_ || name_ != other.name_ ||
      hash_code_ != other.hash_code_ || maybe_type_name_ != other.maybe_type_name_ ||
      dtypes_and_shapes_.size() != other.dtypes_and_shapes_.size()) {
    return false;
  }
  for (size_t i = 0; i < dtypes_and_shapes_.size(); ++i) {
    if (dtypes_and_shapes_[i].dtype != other.dtypes_and_shapes_[i].dtype ||
        !dtypes_and_shapes_[i].shape.IsIdenticalTo(other.dtypes_and_shapes_[i].shape)) {
      return false;
    }
  }
  return true;
}

}  // namespace rill
