// ResourceMgr's type-erased core: one map of (container, name) -> typed resource under a mutex;
// references are dropped outside the lock so a resource's destructor may use the manager.
#include "core/framework/resource_mgr.h"

#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "absl/base/optimization.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

std::string Demangle(const char* mangled) {
  int status = 0;
  char* demangled = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
  if (status != 0 || demangled == nullptr) return mangled;
  std::string name(demangled);
  std::free(demangled);
  return name;
}

}  // namespace

void ResourceBase::Ref() const { ref_count_.fetch_add(1, std::memory_order_relaxed); }

bool ResourceBase::Unref() const {
  if (ref_count_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    delete this;
    return true;
  }
  return false;
}

bool ResourceBase::RefCountIsOne() const {
  return ref_count_.load(std::memory_order_acquire) == 1;
}

TypeIndex::TypeIndex(const std::type_info& type)
    : hash_code_(type.hash_code()), name_(Demangle(type.name())) {}

ResourceMgr::ResourceMgr() : ResourceMgr("localhost") {}

ResourceMgr::ResourceMgr(std::string default_container)
    : default_container_(std::move(default_container)) {}

ResourceMgr::~ResourceMgr() { Clear(); }

absl::Status ResourceMgr::DoCreate(const std::string& container, const TypeIndex& type,
                                   const std::string& name, ResourceBase* resource) {
  std::string existing_type;
  {
    absl::MutexLock lock(&mu_);
    auto [it, inserted] = resources_.try_emplace(
        Key{container, name}, Entry{type.hash_code(), type.name(), resource});
    if (inserted) return absl::OkStatus();
    existing_type = it->second.type_name;
  }
  resource->Unref();
  return errors::AlreadyExists("Resource ", container, "/", name, " of type ", type.name(),
                               " already exists",
                               existing_type == type.name()
                                   ? ""
                                   : absl::StrCat(" (with type ", existing_type, ")"));
}

absl::Status ResourceMgr::FindLocked(const std::string& container, uint64_t type_hash,
                                     absl::string_view type_name, const std::string& name,
                                     Map::const_iterator* found) const {
  auto it = resources_.find(KeyView{container, name});
  if (ABSL_PREDICT_FALSE(it == resources_.end())) {
    return errors::NotFound("Resource ", container, "/", name, " of type ", type_name,
                            " does not exist");
  }
  if (ABSL_PREDICT_FALSE(it->second.type_hash != type_hash)) {
    return errors::InvalidArgument("Resource ", container, "/", name, " has type ",
                                   it->second.type_name, ", not the requested ", type_name);
  }
  *found = it;
  return absl::OkStatus();
}

absl::Status ResourceMgr::DoLookup(const std::string& container, const TypeIndex& type,
                                   const std::string& name, ResourceBase** resource) const {
  absl::ReaderMutexLock lock(&mu_);
  Map::const_iterator it;
  RETURN_IF_ERROR(FindLocked(container, type.hash_code(), type.name(), name, &it));
  it->second.resource->Ref();
  *resource = it->second.resource;
  return absl::OkStatus();
}

absl::Status ResourceMgr::DoLookupOrCreate(
    const std::string& container, const TypeIndex& type, const std::string& name,
    ResourceBase** resource, const std::function<absl::Status(ResourceBase**)>& creator) {
  absl::Status status = DoLookup(container, type, name, resource);
  if (!errors::IsNotFound(status)) return status;
  ResourceBase* made = nullptr;
  {
    absl::MutexLock lock(&mu_);
    Map::const_iterator it;
    status = FindLocked(container, type.hash_code(), type.name(), name, &it);
    if (status.ok()) {
      it->second.resource->Ref();
      *resource = it->second.resource;
      return absl::OkStatus();
    }
    if (!errors::IsNotFound(status)) return status;
    status = creator(&made);
    if (status.ok() && made == nullptr) {
      status = errors::Internal("The creator of resource ", container, "/", name, " of type ",
                                type.name(), " returned OK but no resource");
    }
    if (status.ok()) {
      resources_.try_emplace(Key{container, name}, Entry{type.hash_code(), type.name(), made});
      made->Ref();
      *resource = made;
      return absl::OkStatus();
    }
  }
  if (made != nullptr) made->Unref();
  return status;
}

absl::Status ResourceMgr::DoDelete(const std::string& container, uint64_t type_hash,
                                   absl::string_view type_name, const std::string& name) {
  ResourceBase* removed = nullptr;
  {
    absl::MutexLock lock(&mu_);
    Map::const_iterator it;
    RETURN_IF_ERROR(FindLocked(container, type_hash, type_name, name, &it));
    removed = it->second.resource;
    resources_.erase(it);
  }
  removed->Unref();
  return absl::OkStatus();
}

absl::Status ResourceMgr::CheckHandleType(const ResourceHandle& handle,
                                          const TypeIndex& type) const {
  if (handle.hash_code() == type.hash_code()) return absl::OkStatus();
  return errors::InvalidArgument("Trying to access resource ", handle.container(), "/",
                                 handle.name(), " of type ",
                                 handle.maybe_type_name().empty() ? std::string("<unknown>")
                                                                  : handle.maybe_type_name(),
                                 " as type ", type.name());
}

absl::Status ResourceMgr::Delete(const ResourceHandle& handle) {
  return DoDelete(handle.container(), handle.hash_code(), handle.maybe_type_name(),
                  handle.name());
}

absl::Status ResourceMgr::Cleanup(const std::string& container) {
  std::vector<ResourceBase*> removed;
  {
    absl::MutexLock lock(&mu_);
    for (auto it = resources_.begin(); it != resources_.end();) {
      if (it->first.container == container) {
        removed.push_back(it->second.resource);
        resources_.erase(it++);
      } else {
        ++it;
      }
    }
  }
  for (ResourceBase* resource : removed) resource->Unref();
  return absl::OkStatus();
}

void ResourceMgr::Clear() {
  Map removed;
  {
    absl::MutexLock lock(&mu_);
    removed.swap(resources_);
  }
  for (auto& [key, entry] : removed) entry.resource->Unref();
}

std::string ResourceMgr::DebugString() const {
  std::vector<std::string> lines;
  {
    absl::ReaderMutexLock lock(&mu_);
    for (const auto& [key, entry] : resources_) {
      lines.push_back(absl::StrCat(key.container, " | ", key.name, " | ", entry.type_name,
                                   " | ", entry.resource->DebugString()));
    }
  }
  std::sort(lines.begin(), lines.end());
  return absl::StrJoin(lines, "\n");
}

ResourceHandle MakeResourceHandle(const std::string& container, const std::string& name,
                                  const std::string& device_name, const TypeIndex& type) {
  ResourceHandle handle;
  handle.set_device(device_name);
  handle.set_container(container);
  handle.set_name(name);
  handle.set_hash_code(type.hash_code());
  handle.set_maybe_type_name(type.name());
  return handle;
}

}  // namespace rill
