// Variant: the element of a DT_VARIANT tensor, a type-erased copyable C++ value (a dataset,
// a tensor list). Rill stores variants in tensors; it does not serialize them.
#ifndef RILL_CORE_FRAMEWORK_VARIANT_H_
#define RILL_CORE_FRAMEWORK_VARIANT_H_

#include <memory>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>

namespace rill {

namespace variant_internal {

// DemangledTypeName is the readable C++ name of `type`.
std::string DemangledTypeName(const std::type_info& type);

template <typename T, typename = void>
struct HasTypeName : std::false_type {};
template <typename T>
struct HasTypeName<T, std::void_t<decltype(std::declval<const T&>().TypeName())>>
    : std::true_type {};

template <typename T, typename = void>
struct HasDebugString : std::false_type {};
template <typename T>
struct HasDebugString<T, std::void_t<decltype(std::declval<const T&>().DebugString())>>
    : std::true_type {};

}  // namespace variant_internal

// Variant holds one value of any copyable type, or nothing. Copying a Variant copies the
// value. Not thread-safe for concurrent mutation (like any value type).
class Variant {
 public:
  // Variant() is empty.
  Variant() = default;

  template <typename T, typename Decayed = std::decay_t<T>,
            typename = std::enable_if_t<!std::is_same_v<Decayed, Variant>>>
  Variant(T&& value)  // NOLINT(runtime/explicit): any value converts, like std::any.
      : value_(std::make_unique<Holder<Decayed>>(std::forward<T>(value))) {}

  Variant(const Variant& other) : value_(other.value_ ? other.value_->Clone() : nullptr) {}
  Variant(Variant&& other) noexcept = default;
  Variant& operator=(const Variant& other) {
    if (this != &other) value_ = other.value_ ? other.value_->Clone() : nullptr;
    return *this;
  }
  Variant& operator=(Variant&& other) noexcept = default;

  bool is_empty() const { return value_ == nullptr; }

  // TypeName is the held type's TypeName() when it has one, else its demangled C++ name;
  // "" when empty.
  std::string TypeName() const { return value_ ? value_->TypeName() : std::string(); }

  // DebugString is "Variant<type: NAME value: ...>" (the value part only when the held
  // type has a DebugString()), or "Variant<empty>".
  std::string DebugString() const;

  // get<T> returns the held value, or nullptr when empty or holding another type.
  template <typename T>
  T* get() {
    return value_ && value_->type() == typeid(T)
               ? &static_cast<Holder<T>*>(value_.get())->value
               : nullptr;
  }
  template <typename T>
  const T* get() const {
    return value_ && value_->type() == typeid(T)
               ? &static_cast<const Holder<T>*>(value_.get())->value
               : nullptr;
  }

 private:
  class HolderBase {
   public:
    virtual ~HolderBase() = default;
    virtual std::unique_ptr<HolderBase> Clone() const = 0;
    virtual const std::type_info& type() const = 0;
    virtual std::string TypeName() const = 0;
    virtual std::string ValueDebugString() const = 0;
  };

  template <typename T>
  class Holder final : public HolderBase {
   public:
    template <typename U>
    explicit Holder(U&& v) : value(std::forward<U>(v)) {}
    std::unique_ptr<HolderBase> Clone() const override {
      return std::make_unique<Holder<T>>(value);
    }
    const std::type_info& type() const override { return typeid(T); }
    std::string TypeName() const override {
      if constexpr (variant_internal::HasTypeName<T>::value) {
        return value.TypeName();
      } else {
        return variant_internal::DemangledTypeName(typeid(T));
      }
    }
    std::string ValueDebugString() const override {
      if constexpr (variant_internal::HasDebugString<T>::value) {
        return value.DebugString();
      } else {
        return std::string();
      }
    }
    T value;
  };

  std::unique_ptr<HolderBase> value_;
};

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_VARIANT_H_
