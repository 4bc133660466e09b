// Reading the admin interface's JSON without trusting its shape.
#include "app/console/json_fields.hpp"

namespace hot::console {

namespace {

using json = nlohmann::json;

const json* member(const json& doc, const char* key) {
  if (!doc.is_object())
    return nullptr;
  auto i = doc.find(key);
  return i == doc.end() ? nullptr : &*i;
}

} // namespace

int64_t int_field(const json& doc, const char* key, int64_t fallback) {
  const auto* v = member(doc, key);
  if (v == nullptr)
    return fallback;
  if (v->is_number_integer())
    return v->get<int64_t>();
  if (v->is_number_float())
    return static_cast<int64_t>(v->get<double>());
  return fallback;
}

std::string int_text(const json& doc, const char* key) {
  return std::to_string(int_field(doc, key));
}

double number_field(const json& doc, const char* key, double fallback) {
  const auto* v = member(doc, key);
  return v != nullptr && v->is_number() ? v->get<double>() : fallback;
}

bool bool_field(const json& doc, const char* key, bool fallback) {
  const auto* v = member(doc, key);
  return v != nullptr && v->is_boolean() ? v->get<bool>() : fallback;
}

std::string string_field(const json& doc, const char* key,
                         const std::string& fallback) {
  const auto* v = member(doc, key);
  return v != nullptr && v->is_string() ? v->get<std::string>() : fallback;
}

const json& array_field(const json& doc, const char* key) {
  static const json empty = json::array();
  const auto* v = member(doc, key);
  return v != nullptr && v->is_array() ? *v : empty;
}

const json& object_field(const json& doc, const char* key) {
  static const json empty = json::object();
  const auto* v = member(doc, key);
  return v != nullptr && v->is_object() ? *v : empty;
}

std::string scalar_text(const json& value) {
  if (value.is_string())
    return value.get<std::string>();
  if (value.is_boolean())
    return value.get<bool>() ? "yes" : "no";
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace hot::console
