// A plain librdkafka consumer that joins a group to take partitions away.
#include "tests/support/group_member.hpp"

#include <cstring>
#include <stdexcept>

#include "actors/kafka/kafka_error.hpp"
#include "tests/support/mock_kafka.hpp"

namespace hot::test {

group_member::group_member(const std::string& bootstraps,
                           const std::string& group,
                           std::map<std::string, std::string> extra) {
  auto props = mock_group_timing();
  props.insert({{"bootstrap.servers", bootstraps},
                {"group.id", group},
                {"enable.auto.commit", "false"},
                {"auto.offset.reset", "earliest"}});
  for (auto& [k, v] : extra)
    props[k] = v;
  auto conf = make_kafka_conf(props);
  if (!conf)
    throw std::runtime_error(describe_kafka(conf.error()));
  rd_kafka_conf_set_opaque(conf->get(), this);
  rd_kafka_conf_set_rebalance_cb(conf->get(), on_rebalance);
  auto client = make_kafka_client(RD_KAFKA_CONSUMER, *conf);
  if (!client)
    throw std::runtime_error(describe_kafka(client.error()));
  consumer_ = std::move(*client);
  rd_kafka_poll_set_consumer(consumer_.get());
  auto topics = make_partition_list(4);
  for (const auto& topic : default_topics())
    rd_kafka_topic_partition_list_add(topics.get(), topic.c_str(),
                                      RD_KAFKA_PARTITION_UA);
  rd_kafka_subscribe(consumer_.get(), topics.get());
  poller_ = std::thread{[this] {
    while (!stop_)
      if (auto* msg = rd_kafka_consumer_poll(consumer_.get(), 50))
        rd_kafka_message_destroy(msg);
  }};
}

group_member::~group_member() {
  leave();
}

void group_member::leave() {
  if (stop_.exchange(true))
    return;
  poller_.join();
  rd_kafka_consumer_close(consumer_.get());
  assigned_ = 0;
}

void group_member::on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                                rd_kafka_topic_partition_list_t* parts,
                                void* opaque) {
  auto* self = static_cast<group_member*>(opaque);
  bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE")
                     == 0;
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    if (cooperative)
      kafka_error_ptr{rd_kafka_incremental_assign(rk, parts)};
    else
      rd_kafka_assign(rk, parts);
    self->assigned_ += cooperative ? parts->cnt : parts->cnt - self->assigned_;
  } else {
    if (cooperative)
      kafka_error_ptr{rd_kafka_incremental_unassign(rk, parts)};
    else
      rd_kafka_assign(rk, nullptr);
    self->assigned_ -= parts->cnt;
  }
}

} // namespace hot::test
