// Reading the admin interface's JSON without trusting its shape.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace hot::console {

/// Fields of an object, or a fallback when the object, the key or the type
/// is not what the console expects: a newer or older daemon must not make
/// the console throw.
int64_t int_field(const nlohmann::json& doc, const char* key,
                  int64_t fallback = 0);

double number_field(const nlohmann::json& doc, const char* key,
                    double fallback = 0);

bool bool_field(const nlohmann::json& doc, const char* key,
                bool fallback = false);

std::string string_field(const nlohmann::json& doc, const char* key,
                         const std::string& fallback = {});

/// An integer field as decimal text.
std::string int_text(const nlohmann::json& doc, const char* key);

/// The array under `key`, or an empty array.
const nlohmann::json& array_field(const nlohmann::json& doc, const char* key);

/// The object under `key`, or an empty object.
const nlohmann::json& object_field(const nlohmann::json& doc, const char* key);

/// A scalar as text as it would read in a table: numbers and strings bare,
/// booleans as yes/no, anything else compact JSON.
std::string scalar_text(const nlohmann::json& value);

} // namespace hot::console
