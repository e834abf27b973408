// ResourceMgr: the per-device store of state that outlives a step (variables, iterators,
// summary writers), as named, typed, reference-counted resources grouped in containers.
#ifndef RILL_CORE_FRAMEWORK_RESOURCE_MGR_H_
#define RILL_CORE_FRAMEWORK_RESOURCE_MGR_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/resource_handle.h"

namespace rill {

// ResourceBase is the base of every resource: an intrusive, atomic reference count that
// starts at 1 (the creator's reference), plus a description for debugging. Ref/Unref are
// thread-safe; the object deletes itself when the count reaches 0.
class ResourceBase {
 public:
  ResourceBase() = default;
  ResourceBase(const ResourceBase&) = delete;
  ResourceBase& operator=(const ResourceBase&) = delete;

  void Ref() const;
  // Unref drops one reference and returns true when that deleted the object.
  bool Unref() const;
  bool RefCountIsOne() const;

  // DebugString describes the resource for error messages and ResourceMgr::DebugString.
  virtual std::string DebugString() const = 0;

 protected:
  virtual ~ResourceBase() = default;

 private:
  mutable std::atomic<int64_t> ref_count_{1};
};

// ScopedUnref calls Unref() on `resource` (if not null) when it goes out of scope.
class ScopedUnref {
 public:
  explicit ScopedUnref(const ResourceBase* resource) : resource_(resource) {}
  ~ScopedUnref() {
    if (resource_ != nullptr) resource_->Unref();
  }
  ScopedUnref(const ScopedUnref&) = delete;
  ScopedUnref& operator=(const ScopedUnref&) = delete;

 private:
  const ResourceBase* resource_;
};

// TypeIndex identifies a C++ type across shared-object boundaries (the hash of its mangled
// name) and carries its readable, demangled name for error messages.
class TypeIndex {
 public:
  template <typename T>
  static const TypeIndex& Make() {
    static const TypeIndex* const index = new TypeIndex(typeid(T));
    return *index;
  }

  uint64_t hash_code() const { return hash_code_; }
  const std::string& name() const { return name_; }

  bool operator==(const TypeIndex& other) const { return hash_code_ == other.hash_code_; }
  bool operator!=(const TypeIndex& other) const { return hash_code_ != other.hash_code_; }

 private:
  explicit TypeIndex(const std::type_info& type);

  uint64_t hash_code_;
  std::string name_;
};

// ResourceMgr maps (container, name) to one resource of one type. A container exists while
// it holds resources; Cleanup() removes one with all its resources. Every method is
// thread-safe. Methods that hand out a resource (Lookup, LookupOrCreate) give the caller
// one reference, which it must Unref.
class ResourceMgr {
 public:
  ResourceMgr();
  explicit ResourceMgr(std::string default_container);
  // Drops the manager's reference to every resource it still holds.
  ~ResourceMgr();

  ResourceMgr(const ResourceMgr&) = delete;
  ResourceMgr& operator=(const ResourceMgr&) = delete;

  // default_container is where resources go when an op names no container ("localhost").
  const std::string& default_container() const { return default_container_; }

  // Create stores `resource` as `container`/`name`, taking over the caller's reference
  // (also on error, when it is dropped). AlreadyExists when the name is taken.
  template <typename T>
  absl::Status Create(const std::string& container, const std::string& name, T* resource);

  // Lookup sets `*resource` to `container`/`name` with a new reference. NotFound naming
  // container, name and type when absent; InvalidArgument when it has another type.
  template <typename T>
  absl::Status Lookup(const std::string& container, const std::string& name,
                      T** resource) const;

  // LookupOrCreate is Lookup, except that when the resource is absent it calls `creator`
  // (under the manager's lock, so creation happens once; `creator` must not use this
  // manager) and stores what it makes. `*resource` gets a reference either way.
  template <typename T>
  absl::Status LookupOrCreate(const std::string& container, const std::string& name,
                              T** resource, std::function<absl::Status(T**)> creator);

  // Delete removes `container`/`name` and drops the manager's reference. NotFound when
  // absent; InvalidArgument when it has another type.
  template <typename T>
  absl::Status Delete(const std::string& container, const std::string& name);

  // The same operations addressed by a handle; the handle's hash_code is the type check.
  template <typename T>
  absl::Status Create(const ResourceHandle& handle, T* resource);
  template <typename T>
  absl::Status Lookup(const ResourceHandle& handle, T** resource) const;
  absl::Status Delete(const ResourceHandle& handle);

  // Cleanup removes `container` and every resource in it; a container that does not
  // exist is not an error.
  absl::Status Cleanup(const std::string& container);

  // Clear removes every container.
  void Clear();

  // DebugString lists "container | name | type | resource description", one per line, sorted.
  std::string DebugString() const;

 private:
  struct Entry {
    uint64_t type_hash;
    std::string type_name;
    ResourceBase* resource;
  };
  // Key is a resource's container and name; KeyView the same without copies, so that
  // lookups build no string.
  struct Key {
    std::string container;
    std::string name;
  };
  struct KeyView {
    absl::string_view container;
    absl::string_view name;
  };
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(const Key& key) const { return absl::HashOf(key.container, key.name); }
    size_t operator()(const KeyView& key) const {
      return absl::HashOf(key.container, key.name);
    }
  };
  struct KeyEq {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return a.container == b.container && a.name == b.name;
    }
  };
  using Map = absl::flat_hash_map<Key, Entry, KeyHash, KeyEq>;

  absl::Status DoCreate(const std::string& container, const TypeIndex& type,
                        const std::string& name, ResourceBase* resource);
  absl::Status DoLookup(const std::string& container, const TypeIndex& type,
                        const std::string& name, ResourceBase** resource) const;
  absl::Status DoLookupOrCreate(const std::string& container, const TypeIndex& type,
                                const std::string& name, ResourceBase** resource,
                                const std::function<absl::Status(ResourceBase**)>& creator);
  absl::Status DoDelete(const std::string& container, uint64_t type_hash,
                        absl::string_view type_name, const std::string& name);
  absl::Status FindLocked(const std::string& container, uint64_t type_hash,
                          absl::string_view type_name, const std::string& name,
                          Map::const_iterator* found) const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  absl::Status CheckHandleType(const ResourceHandle& handle, const TypeIndex& type) const;

  const std::string default_container_;
  mutable absl::Mutex mu_;
  // resources_: every resource of every container, by (container, name).
  Map resources_ ABSL_GUARDED_BY(mu_);
};

// MakeResourceHandle returns a handle to `container`/`name` of type T on the device named
// `device_name` (a full name), with hash_code and maybe_type_name set from T.
template <typename T>
ResourceHandle MakeResourceHandle(const std::string& container, const std::string& name,
                                  const std::string& device_name);
ResourceHandle MakeResourceHandle(const std::string& container, const std::string& name,
                                  const std::string& device_name, const TypeIndex& type);

// Implementation details follow.

template <typename T>
absl::Status ResourceMgr::Create(const std::string& container, const std::string& name,
                                 T* resource) {
  static_assert(std::is_base_of<ResourceBase, T>::value, "T must derive from ResourceBase");
  return DoCreate(container, TypeIndex::Make<T>(), name, resource);
}

template <typename T>
absl::Status ResourceMgr::Lookup(const std::string& container, const std::string& name,
                                 T** resource) const {
  static_assert(std::is_base_of<ResourceBase, T>::value, "T must derive from ResourceBase");
  ResourceBase* found = nullptr;
  absl::Status status = DoLookup(container, TypeIndex::Make<T>(), name, &found);
  if (status.ok()) *resource = static_cast<T*>(found);
  return status;
}

template <typename T>
absl::Status ResourceMgr::LookupOrCreate(const std::string& container, const std::string& name,
                                         T** resource,
                                         std::function<absl::Status(T**)> creator) {
  static_assert(std::is_base_of<ResourceBase, T>::value, "T must derive from ResourceBase");
  ResourceBase* found = nullptr;
  absl::Status status = DoLookupOrCreate(
      container, TypeIndex::Make<T>(), name, &found,
      [&creator](ResourceBase** made) -> absl::Status {
        T* typed = nullptr;
        absl::Status created = creator(&typed);
        *made = typed;
        return created;
      });
  if (status.ok()) *resource = static_cast<T*>(found);
  return status;
}

template <typename T>
absl::Status ResourceMgr::Delete(const std::string& container, const std::string& name) {
  static_assert(std::is_base_of<ResourceBase, T>::value, "T must derive from ResourceBase");
  const TypeIndex& type = TypeIndex::Make<T>();
  return DoDelete(container, type.hash_code(), type.name(), name);
}

template <typename T>
absl::Status ResourceMgr::Create(const ResourceHandle& handle, T* resource) {
  absl::Status status = CheckHandleType(handle, TypeIndex::Make<T>());
  if (!status.ok()) {
    resource->Unref();
    return status;
  }
  return Create<T>(handle.container(), handle.name(), resource);
}

template <typename T>
absl::Status ResourceMgr::Lookup(const ResourceHandle& handle, T** resource) const {
  absl::Status status = CheckHandleType(handle, TypeIndex::Make<T>());
  if (!status.ok()) return status;
  return Lookup<T>(handle.container(), handle.name(), resource);
}

template <typename T>
ResourceHandle MakeResourceHandle(const std::string& container, const std::string& name,
                                  const std::string& device_name) {
  return MakeResourceHandle(container, name, device_name, TypeIndex::Make<T>());
}

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_RESOURCE_MGR_H_
