// Decoding throughput: our simdjson On-Demand decoder against nlohmann's DOM
// on the same 250-byte ARTICLE_LIKED message. Prints the median of several
// runs of each, and their ratio.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "messages/event_decoder.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

std::string liked_message() {
  std::string msg
    = R"({"eventId":184721186232410112,"type":"ARTICLE_LIKED","payload":{"articleLikeId":184721186232410113,"articleId":184721186211950592,"userId":1234567,"createdAt":"2025-05-25T02:36:02.746755","articleLikeCount":42}})";
  // Pad with whitespace inside the payload to exactly 250 bytes.
  msg.insert(msg.size() - 2, 250 - msg.size(), ' ');
  return msg;
}

template <class F>
double events_per_second(size_t count, F&& decode_one) {
  auto start = clock_type::now();
  for (size_t i = 0; i < count; ++i)
    decode_one();
  std::chrono::duration<double> took = clock_type::now() - start;
  return static_cast<double>(count) / took.count();
}

double median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  return xs[xs.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
  size_t count = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  auto msg = liked_message();
  std::printf("message: %zu bytes, %zu decodes per run, %d runs\n", msg.size(),
              count, runs);

  hot::event_decoder decoder;
  int64_t checksum = 0;
  std::vector<double> ours;
  std::vector<double> dom;
  for (int run = 0; run < runs; ++run) {
    ours.push_back(events_per_second(count, [&] {
      auto ev = decoder.decode(msg);
      if (!ev)
        std::abort();
      checksum += ev->count;
    }));
    // The baseline does the same work: parse, read the fields, build an
    // event.
    dom.push_back(events_per_second(count / 4, [&] {
      auto doc = nlohmann::json::parse(msg);
      hot::event ev;
      ev.id = hot::event_id{doc.at("eventId").get<int64_t>()};
      ev.type = *hot::parse_event_type(doc.at("type").get<std::string>());
      const auto& payload = doc.at("payload");
      ev.article = hot::article_id{payload.at("articleId").get<int64_t>()};
      ev.count = payload.at("articleLikeCount").get<int64_t>();
      checksum += ev.count;
    }));
  }
  double ours_median = median(ours);
  double dom_median = median(dom);
  std::printf("simdjson on-demand decoder: %.2f M events/s (median)\n",
              ours_median / 1e6);
  std::printf("nlohmann DOM baseline:      %.2f M events/s (median)\n",
              dom_median / 1e6);
  std::printf("ratio: %.1fx   (checksum %lld)\n", ours_median / dom_median,
              static_cast<long long>(checksum));
  return 0;
}
