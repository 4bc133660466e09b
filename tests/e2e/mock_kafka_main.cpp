// hot-articles-test-kafka: holds librdkafka's mock cluster open in a process
// of its own, so e2e tests can stop and restart the daemon against the same
// Kafka data. Prints "BOOTSTRAP <servers>" and runs until stdin closes. A
// line "create-topic NAME PARTITIONS" on stdin creates a topic (the mock
// does not answer CreateTopics) and is answered "TOPIC NAME ok" or
// "TOPIC NAME <error>".
#include <iostream>
#include <sstream>
#include <string>

#include "actors/kafka/kafka_error.hpp"
#include "actors/kafka/kafka_settings.hpp"
#include "sim/mock_cluster.hpp"

int main() {
  auto cluster = hot::mock_cluster::start(
    1, hot::kafka_settings{}.topics(), hot::mock_cluster::partitions_per_topic);
  if (!cluster) {
    std::cerr << "cannot start the mock cluster: "
              << hot::describe_kafka(cluster.error()) << "\n";
    return 1;
  }
  std::cout << "BOOTSTRAP " << cluster->bootstraps() << std::endl;
  // The test holds our stdin; its end (or the test's death) ends us.
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream words{line};
    std::string command, name;
    int partitions = 0;
    if (!(words >> command >> name >> partitions) || command != "create-topic")
      continue;
    auto err = cluster->create_topic(name, partitions);
    std::cout << "TOPIC " << name << " "
              << (err ? hot::describe_kafka(err) : std::string{"ok"})
              << std::endl;
  }
  return 0;
}
