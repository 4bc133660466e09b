// Typed actor figures as the admin interface's JSON.
#include "app/http/figures_json.hpp"

#include <date/date.h>

namespace hot {

namespace {

using json = nlohmann::json;

struct detail_renderer {
  json operator()(const no_figures&) const {
    return json::object();
  }

  json operator()(const source_figures& f) const {
    return {{"group", f.group},
            {"instanceId", f.instance_id},
            {"internalTopic", f.internal_topic},
            {"protocol", f.cooperative ? "COOPERATIVE" : "EAGER"}};
  }

  json operator()(const partition_figures& f) const {
    json by_reason = json::object();
    for (size_t i = 1; i < f.rejected_by.size(); ++i)
      by_reason[std::string{to_string(static_cast<decode_errc>(i))}]
        = f.rejected_by[i];
    return {{"topic", f.topic},
            {"partition", f.partition},
            {"role", f.source ? "source" : "by-article"},
            {"rejectedBy", std::move(by_reason)}};
  }

  json operator()(const shard_figures& f) const {
    return {{"sealedThrough", f.sealed_through.to_string()}};
  }

  json operator()(const directory_figures& f) const {
    return {{"sealedThrough", f.sealed_through.to_string()},
            {"sealing", f.is_sealing ? f.sealing.to_string() : ""},
            {"streamTime", utc_text(f.stream_time_ms)}};
  }

  json operator()(const ranking_figures& f) const {
    json top = json::array();
    for (const auto& a : f.top)
      top.push_back(
        {{"articleId", a.id.value()}, {"score", a.score}, {"title", a.title}});
    return {{"day", f.day.to_string()},
            {"sealed", false},
            {"top", std::move(top)},
            {"lastFlushEpochMs", f.last_flush_ms},
            {"lastFlushResult", f.last_flush_result}};
  }

  json operator()(const writer_figures& f) const {
    return {{"address", f.address}, {"lastError", f.last_error}};
  }

  json operator()(const tasks_figures&) const {
    return json::object();
  }
};

} // namespace

std::string utc_text(int64_t epoch_ms) {
  if (epoch_ms == 0)
    return {};
  return date::format("%FT%TZ", instant{std::chrono::milliseconds{epoch_ms}});
}

json detail_json(const kind_figures& figures) {
  return caf::visit(detail_renderer{}, figures);
}

json figures_json(const stats_snapshot& s, const actor_stats& a) {
  json figures = json::object();
  json kinds = json::object();
  json rates = json::object();
  each_figure(a.figures,
              [&](std::string_view name, int64_t value, figure_kind kind) {
                std::string key{name};
                figures[key] = value;
                kinds[key] = to_string(kind);
                if (kind == figure_kind::counter)
                  rates[key] = s.rate(a, name);
              });
  return {{"figures", std::move(figures)},
          {"figureKinds", std::move(kinds)},
          {"rates", std::move(rates)}};
}

} // namespace hot
