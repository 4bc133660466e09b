// The figures of each kind of actor, as typed structs.
#include "messages/actor_figures.hpp"

namespace hot {

std::string_view to_string(figure_kind kind) {
  switch (kind) {
    case figure_kind::counter:
      return "counter";
    case figure_kind::gauge:
      return "gauge";
    case figure_kind::timestamp:
      return "instant";
  }
  return "counter";
}

} // namespace hot
