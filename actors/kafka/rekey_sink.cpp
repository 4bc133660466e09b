// Where a source partition's valid events go: copies keyed by article in the
// internal topic, each batch answered once every copy is acknowledged.
#include "actors/kafka/rekey_sink.hpp"

#include <thread>

#include <caf/send.hpp>

namespace hot {

namespace {

// Keeps a batch open while it is still being filled: no report can bring
// the count to zero before `finish` takes the bias away.
constexpr uint32_t open_bias = 1u << 30;

// How long a full local queue may hold a pull before the copy is given up.
constexpr auto queue_full_patience = std::chrono::seconds{30};

} // namespace

struct rekey_sink::ticket {
  partition_actor owner;
  uint64_t seq = 0;
  uint32_t copies = 0;
  std::atomic<uint32_t> remaining{open_bias};
  std::atomic<uint32_t> failed{0};

  // Whoever brings the count to zero reports and frees the ticket.
  void settle(uint32_t taken, uint32_t before) {
    if (before != taken)
      return;
    caf::anon_send(owner, delivered_atom_v, seq, copies, failed.load());
    delete this;
  }
};

rekey_sink::rekey_sink(rekey_target target, partition_actor owner)
  : target_(std::move(target)), owner_(std::move(owner)) {
}

void rekey_sink::on_delivery(const rd_kafka_message_t& report) {
  auto* t = static_cast<ticket*>(report._private);
  if (t == nullptr)
    return; // a watermark
  if (report.err != RD_KAFKA_RESP_ERR_NO_ERROR)
    t->failed.fetch_add(1);
  t->settle(1, t->remaining.fetch_sub(1));
}

caf::error rekey_sink::produce(produce_request& request) {
  auto deadline = std::chrono::steady_clock::now() + queue_full_patience;
  for (;;) {
    auto err = target_.producer->produce(request);
    if (!err)
      return caf::none;
    if (!is_queue_full(*err) || std::chrono::steady_clock::now() > deadline)
      return kafka_error(err.release(), "copy to " + target_.topic);
    // The broker is slow: credits keep this rare, and a short wait lets
    // the queue drain.
    std::this_thread::sleep_for(std::chrono::milliseconds{1});
  }
}

caf::error rekey_sink::copy(article_id article, std::string_view value,
                            int64_t timestamp_ms) {
  if (open_ == nullptr) {
    open_ = new ticket;
    open_->owner = owner_;
  }
  auto key = by_article_key(article);
  produce_request request;
  request.topic_name = target_.topic.c_str();
  // One key per copy: it names the partition and goes out with the copy.
  request.partition = by_article_partition(key, target_.partitions);
  request.key = key;
  request.value = value;
  request.timestamp_ms = timestamp_ms;
  request.opaque = open_;
  if (auto err = produce(request))
    return err;
  ++open_->copies;
  return caf::none;
}

uint32_t rekey_sink::pending() const {
  return open_ != nullptr ? open_->copies : 0;
}

uint32_t rekey_sink::finish(uint64_t seq) {
  auto* t = open_;
  open_ = nullptr;
  if (t == nullptr)
    return 0;
  auto copies = t->copies;
  if (copies == 0) {
    delete t;
    return 0;
  }
  t->seq = seq;
  auto taken = open_bias - copies;
  t->settle(taken, t->remaining.fetch_sub(taken));
  return copies;
}

caf::error rekey_sink::send_watermark(const source_watermark& mark) {
  auto value = encode_watermark(mark);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
              mark.stream_time.time_since_epoch())
              .count();
  for (int32_t p = 0; p < target_.partitions; ++p) {
    produce_request request;
    request.topic_name = target_.topic.c_str();
    request.partition = p;
    request.key = watermark_key;
    request.value = value;
    request.timestamp_ms = ms;
    if (auto err = produce(request))
      return err;
  }
  return caf::none;
}

} // namespace hot
