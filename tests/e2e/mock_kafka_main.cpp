// hot-articles-test-kafka: holds librdkafka's mock cluster open in a process
// of its own, so e2e tests can stop and restart the daemon against the same
// Kafka data. Prints "BOOTSTRAP <servers>" and runs until stdin closes.
#include <iostream>
#include <string>

#include "actors/io/mock_cluster.hpp"
#include "actors/settings.hpp"

int main() {
  auto cluster = hot::mock_cluster::start(
    1, hot::kafka_settings{}.topics(), hot::mock_cluster::partitions_per_topic);
  if (!cluster) {
    std::cerr << "cannot start the mock cluster: "
              << hot::describe_io(cluster.error()) << "\n";
    return 1;
  }
  std::cout << "BOOTSTRAP " << cluster->bootstraps() << std::endl;
  // The test holds our stdin; its end (or the test's death) ends us.
  std::string ignored;
  while (std::getline(std::cin, ignored)) {
  }
  return 0;
}
