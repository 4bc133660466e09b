// Requests the API server answered, by route and status, with latencies.
#include "app/http/http_meter.hpp"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace hot {

namespace {

const char* route_label(api_route route) {
  switch (route) {
    case api_route::day_list:
    case api_route::bad_date:
      return "date";
    case api_route::current:
      return "current";
    case api_route::recent:
      return "recent";
    case api_route::board_day_list:
      return "board-date";
    case api_route::board_recent:
      return "board-recent";
    case api_route::bad_board:
      return "board-invalid";
    case api_route::health:
      return "health";
    case api_route::metrics:
      return "metrics";
    case api_route::not_found:
      break;
  }
  return "other";
}

} // namespace

void http_meter::record(api_route route, int status,
                        std::chrono::nanoseconds took) {
  auto& r = routes_[static_cast<size_t>(route)];
  auto slot = std::find(statuses.begin(), statuses.end() - 1, status)
              - statuses.begin();
  r.by_status[static_cast<size_t>(slot)].fetch_add(1,
                                                   std::memory_order_relaxed);
  double seconds = std::chrono::duration<double>(took).count();
  auto bucket = std::lower_bound(bucket_bounds.begin(), bucket_bounds.end(),
                                 seconds)
                - bucket_bounds.begin();
  r.buckets[static_cast<size_t>(bucket)].fetch_add(1,
                                                   std::memory_order_relaxed);
  r.nanoseconds.fetch_add(static_cast<uint64_t>(std::max<int64_t>(
                            0, static_cast<int64_t>(took.count()))),
                          std::memory_order_relaxed);
}

std::string http_meter::render() const {
  // Two matcher routes share the label `date`: sum them per label first.
  struct label_figures {
    std::array<uint64_t, statuses.size()> by_status{};
    std::array<uint64_t, bucket_bounds.size() + 1> buckets{};
    uint64_t nanoseconds = 0;
  };
  std::vector<std::pair<std::string, label_figures>> labelled;
  for (size_t i = 0; i < route_count; ++i) {
    std::string label = route_label(static_cast<api_route>(i));
    auto it = std::find_if(labelled.begin(), labelled.end(),
                           [&](const auto& l) { return l.first == label; });
    if (it == labelled.end())
      it = labelled.insert(labelled.end(), {label, label_figures{}});
    const auto& r = routes_[i];
    for (size_t s = 0; s < statuses.size(); ++s)
      it->second.by_status[s] += r.by_status[s].load(std::memory_order_relaxed);
    for (size_t b = 0; b < r.buckets.size(); ++b)
      it->second.buckets[b] += r.buckets[b].load(std::memory_order_relaxed);
    it->second.nanoseconds += r.nanoseconds.load(std::memory_order_relaxed);
  }
  std::ostringstream out;
  out << "# HELP hot_articles_http_requests_total Requests the HTTP API "
         "answered, by route and status.\n"
         "# TYPE hot_articles_http_requests_total counter\n";
  for (const auto& [label, f] : labelled)
    for (size_t s = 0; s < statuses.size(); ++s)
      if (f.by_status[s] > 0)
        out << "hot_articles_http_requests_total{route=\"" << label
            << "\",status=\""
            << (statuses[s] == 0 ? std::string{"other"}
                                 : std::to_string(statuses[s]))
            << "\"} " << f.by_status[s] << '\n';
  out << "# HELP hot_articles_http_request_duration_seconds Time from a "
         "request's first byte to its answer's last, by route.\n"
         "# TYPE hot_articles_http_request_duration_seconds histogram\n";
  for (const auto& [label, f] : labelled) {
    uint64_t cumulative = 0;
    for (size_t b = 0; b < f.buckets.size(); ++b) {
      cumulative += f.buckets[b];
      out << "hot_articles_http_request_duration_seconds_bucket{route=\""
          << label << "\",le=\"";
      if (b < bucket_bounds.size())
        out << bucket_bounds[b];
      else
        out << "+Inf";
      out << "\"} " << cumulative << '\n';
    }
    out << "hot_articles_http_request_duration_seconds_sum{route=\"" << label
        << "\"} " << std::setprecision(9)
        << static_cast<double>(f.nanoseconds) / 1e9 << std::setprecision(6)
        << '\n'
        << "hot_articles_http_request_duration_seconds_count{route=\"" << label
        << "\"} " << cumulative << '\n';
  }
  return out.str();
}

} // namespace hot
