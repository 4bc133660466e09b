// Finds offsets by timestamp by reading messages, for brokers that ignore
// timestamps in ListOffsets (librdkafka's mock cluster answers -1).
#include "actors/kafka/timestamp_probe.hpp"

#include <set>

namespace hot {

caf::expected<timestamp_probe>
timestamp_probe::open(std::map<std::string, std::string> properties) {
  // Assigning needs a group id, but the probe never subscribes, joins or
  // commits, so it does not disturb the pipeline's group.
  auto group = properties["group.id"];
  properties["group.id"] = group + ".offset-probe";
  properties["enable.auto.commit"] = "false";
  properties["enable.partition.eof"] = "false";
  // An offset gone by now (retention) is an answer, not a reason to reset.
  properties["auto.offset.reset"] = "error";
  auto conf = make_kafka_conf(properties);
  if (!conf)
    return conf.error();
  route_kafka_logs(conf->get());
  auto client = make_kafka_client(RD_KAFKA_CONSUMER, *conf);
  if (!client)
    return client.error();
  rd_kafka_poll_set_consumer(client->get());
  return timestamp_probe{std::move(*client)};
}

std::map<partition_ref, std::pair<int64_t, instant>>
timestamp_probe::read(const std::map<partition_ref, int64_t>& offsets,
                      std::chrono::milliseconds timeout) {
  std::map<partition_ref, std::pair<int64_t, instant>> found;
  std::set<partition_ref> failed;
  auto list = make_partition_list(static_cast<int>(offsets.size()));
  for (const auto& [ref, offset] : offsets)
    rd_kafka_topic_partition_list_add(list.get(), ref.topic.c_str(),
                                      ref.partition)
      ->offset
      = offset;
  if (rd_kafka_assign(consumer_.get(), list.get())
      != RD_KAFKA_RESP_ERR_NO_ERROR)
    return found;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (found.size() + failed.size() < offsets.size()
         && std::chrono::steady_clock::now() < deadline) {
    kafka_message msg{rd_kafka_consumer_poll(consumer_.get(), 50)};
    if (!msg || msg->rkt == nullptr)
      continue;
    partition_ref ref{rd_kafka_topic_name(msg->rkt), msg->partition};
    if (msg->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (offsets.count(ref) != 0)
        failed.insert(ref);
      continue;
    }
    auto wanted = offsets.find(ref);
    // Messages fetched for an earlier assignment may still be queued.
    if (wanted == offsets.end() || msg->offset < wanted->second
        || found.count(ref) != 0)
      continue;
    rd_kafka_timestamp_type_t type;
    auto stamp = rd_kafka_message_timestamp(msg.get(), &type);
    if (stamp >= 0)
      found.emplace(ref,
                    std::make_pair(msg->offset,
                                   instant{std::chrono::milliseconds{stamp}}));
  }
  rd_kafka_assign(consumer_.get(), nullptr);
  return found;
}

std::map<partition_ref, int64_t>
timestamp_probe::first_at_or_after(const std::vector<range>& ranges, instant at,
                                   std::chrono::milliseconds timeout) {
  std::map<partition_ref, range> open;
  for (const auto& r : ranges)
    open.emplace(r.partition, r);
  std::map<partition_ref, int64_t> result;
  while (!open.empty()) {
    std::map<partition_ref, int64_t> mids;
    for (auto it = open.begin(); it != open.end();) {
      auto& r = it->second;
      if (r.low >= r.high) {
        result[it->first] = r.low;
        it = open.erase(it);
      } else {
        mids[it->first] = r.low + (r.high - r.low) / 2;
        ++it;
      }
    }
    if (mids.empty())
      break;
    auto found = read(mids, timeout);
    for (const auto& [ref, mid] : mids) {
      auto hit = found.find(ref);
      if (hit == found.end()) {
        open.erase(ref); // unreadable: left out
        continue;
      }
      auto& r = open[ref];
      if (hit->second.second >= at)
        r.high = mid;
      else
        r.low = hit->second.first + 1;
    }
  }
  return result;
}

} // namespace hot
