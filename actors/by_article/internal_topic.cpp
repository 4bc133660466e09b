// The internal topics the service creates for itself, such as the events
// re-keyed by article: created when missing, checked when present.
#include "actors/by_article/internal_topic.hpp"

#include <thread>

#include "actors/kafka/kafka_admin.hpp"
#include "actors/kafka/kafka_error.hpp"
#include "messages/error_text.hpp"

namespace hot {

namespace {

using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

/// The setting that chooses the count, named in errors so that operators
/// know what to change.
constexpr std::string_view partitions_setting = "kafka.by-article-partitions";

std::chrono::milliseconds time_left(steady::time_point deadline) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline
                                                               - steady::now());
}

caf::error check_count(const std::string& topic, int32_t found,
                       int32_t wanted) {
  if (found == wanted)
    return {};
  // Events are spread over the partitions by article, so a count that
  // differs from the one the group was started with would route an
  // article to another partition, and another member, than its history.
  auto found_text = std::to_string(found);
  auto wanted_text = std::to_string(wanted);
  std::string text = "topic " + topic + " has " + found_text
                     + " partitions, but " + wanted_text + " are wanted (";
  text += partitions_setting;
  text += "=" + wanted_text + "): set ";
  text += partitions_setting;
  text += "=" + found_text + ", or recreate the topic with " + wanted_text
          + " partitions";
  return caf::make_error(kafka_errc::config, std::move(text));
}

caf::error cannot_create(const std::string& topic, int32_t partitions,
                         const caf::error& reason) {
  std::string text = "cannot create topic " + topic + ": ";
  auto why = context_text(reason);
  text += why.empty() ? describe_kafka(reason) : why;
  text += "; create it by hand with " + std::to_string(partitions)
          + " partitions (";
  text += partitions_setting;
  text += ")";
  return caf::make_error(kafka_errc::call, std::move(text));
}

} // namespace

caf::error
ensure_topic(const std::map<std::string, std::string>& client_properties,
             const std::string& topic, int32_t partitions,
             std::chrono::milliseconds timeout) {
  if (partitions < 1)
    return caf::make_error(kafka_errc::config,
                           "topic " + topic + " needs at least 1 partition, "
                             + std::to_string(partitions) + " are wanted");
  auto deadline = steady::now() + timeout;
  auto admin = kafka_admin::open(client_properties);
  if (!admin)
    return admin.error();
  auto found = admin->partition_count(topic, time_left(deadline));
  // No answer at all: the brokers are away, which a retry may fix.
  if (!found)
    return caf::make_error(kafka_errc::unavailable,
                           describe_kafka(found.error()));
  if (*found)
    return check_count(topic, **found, partitions);
  if (auto err = admin->create_topic(topic, partitions, time_left(deadline)))
    return cannot_create(topic, partitions, err);
  // Brokers other than the controller learn of a new topic a moment after
  // it answers.
  caf::error last;
  do {
    auto created = admin->partition_count(topic, time_left(deadline));
    if (created && *created)
      return check_count(topic, **created, partitions);
    last = created ? caf::error{} : created.error();
    std::this_thread::sleep_for(100ms);
  } while (steady::now() < deadline);
  std::string text = "topic " + topic + " was created but is not listed yet";
  if (last)
    text += " (" + describe_kafka(last) + ")";
  return caf::make_error(kafka_errc::call, std::move(text));
}

caf::expected<int32_t>
partition_count(const std::map<std::string, std::string>& client_properties,
                const std::string& topic, std::chrono::milliseconds timeout) {
  auto admin = kafka_admin::open(client_properties);
  if (!admin)
    return admin.error();
  auto found = admin->partition_count(topic, timeout);
  if (!found)
    return found.error();
  if (!*found)
    return caf::make_error(kafka_errc::call,
                           "partition count of topic " + topic
                             + ": the cluster has no such topic");
  return **found;
}

} // namespace hot
