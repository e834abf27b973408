// ResourceHandle: the element of a DT_RESOURCE tensor, naming state that outlives a step
// (a variable, an iterator) by device, container and name. Converts to ResourceHandleProto.
#ifndef RILL_CORE_FRAMEWORK_RESOURCE_HANDLE_H_
#define RILL_CORE_FRAMEWORK_RESOURCE_HANDLE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "core/protos/resource_handle.pb.h"

namespace rill {

// DtypeAndPartialTensorShape: the dtype and (possibly partial) shape of one tensor a
// resource holds, e.g. a variable's value.
struct DtypeAndPartialTensorShape {
  DataType dtype = DT_INVALID;
  PartialTensorShape shape;
};

// ResourceHandle is a plain value; the resource it names lives in a ResourceMgr.
class ResourceHandle {
 public:
  ResourceHandle() = default;

  const std::string& device() const { return device_; }
  void set_device(std::string device) { device_ = std::move(device); }

  const std::string& container() const { return container_; }
  void set_container(std::string container) { container_ = std::move(container); }

  const std::string& name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }

  // hash_code identifies the resource's C++ type within one process.
  uint64_t hash_code() const { return hash_code_; }
  void set_hash_code(uint64_t hash_code) { hash_code_ = hash_code; }

  // maybe_type_name is the resource's C++ type name, for messages only.
  const std::string& maybe_type_name() const { return maybe_type_name_; }
  void set_maybe_type_name(std::string name) { maybe_type_name_ = std::move(name); }

  const std::vector<DtypeAndPartialTensorShape>& dtypes_and_shapes() const {
    return dtypes_and_shapes_;
  }
  void set_dtypes_and_shapes(std::vector<DtypeAndPartialTensorShape> dtypes_and_shapes) {
    dtypes_and_shapes_ = std::move(dtypes_and_shapes);
  }

  void AsProto(::tensorflow::ResourceHandleProto* proto) const;
  ::tensorflow::ResourceHandleProto AsProto() const;
  // FromProto is InvalidArgument when a shape in dtypes_and_shapes is invalid.
  absl::Status FromProto(const ::tensorflow::ResourceHandleProto& proto);

  // DebugString: "ResourceHandle(name=\"v\", device=\"/cpu:0\", container=\"localhost\",
  // type=\"Var\")".
  std::string DebugString() const;

  bool operator==(const ResourceHandle& other) const;
  bool operator!=(const ResourceHandle& other) const { return !(*this == other); }

 private:
  std::string device_;
  std::string container_;
  std::string name_;
  uint64_t hash_code_ = 0;
  std::string maybe_type_name_;
  std::vector<DtypeAndPartialTensorShape> dtypes_and_shapes_;
};

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_RESOURCE_HANDLE_H_
