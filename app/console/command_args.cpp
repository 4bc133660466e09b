// The console commands' arguments: checked, and put in the form the
// routes take.
#include "app/console/command_args.hpp"

namespace hot::console {

namespace {

bool all_digits(const std::string& s, size_t max_size) {
  return !s.empty() && s.size() <= max_size
         && s.find_first_not_of("0123456789") == std::string::npos;
}

bool positive(const std::string& s, size_t max_size) {
  return all_digits(s, max_size) && s.find_first_not_of('0') != s.npos;
}

std::string usage_error(const std::string& usage) {
  return "usage: " + usage;
}

bool is_day(const std::string& s) {
  return s.size() == 8 && all_digits(s, 8);
}

// Takes `--board B` or `--board=B` out of `args`, wherever it stands; an
// error text when it is there but wrong.
std::string take_board(std::vector<std::string>& args,
                       std::optional<std::string>& board) {
  const std::string usage = "usage: day YYYYMMDD [N] --board B: ";
  const std::string flag = "--board";
  auto at = args.begin();
  while (at != args.end()) {
    std::string value;
    if (*at == flag) {
      if (at + 1 == args.end())
        return usage + "--board needs a board id";
      value = *(at + 1);
      at = args.erase(at, at + 2);
    } else if (at->compare(0, flag.size() + 1, flag + "=") == 0) {
      value = at->substr(flag.size() + 1);
      at = args.erase(at);
    } else {
      ++at;
      continue;
    }
    if (board)
      return usage + "give --board once";
    // int64 holds every 18-digit number; the daemon checks the rest.
    if (!positive(value, 19))
      return usage + "B is a board id (a positive integer), got '" + value
             + "'";
    board = value;
  }
  return "";
}

} // namespace

std::string check_command_args(command_kind kind, const std::string& usage,
                               std::vector<std::string>& args,
                               std::optional<std::string>& board) {
  switch (kind) {
    case command_kind::actor:
      return args.empty() ? usage_error(usage) : "";
    case command_kind::article:
      // int64 holds every 18-digit number; the daemon checks the rest.
      if (args.size() != 1 || !positive(args[0], 18))
        return "usage: article ID (a positive integer)";
      return "";
    case command_kind::day: {
      auto error = take_board(args, board);
      if (!error.empty())
        return error;
      if (args.empty() || args.size() > 2 || !is_day(args[0]))
        return "usage: day YYYYMMDD [N] [--board B], e.g. day 20261122 20 "
               "--board 7";
      if (args.size() == 2 && !positive(args[1], 5))
        return "usage: day YYYYMMDD [N]: N is a positive integer";
      return "";
    }
    case command_kind::boards:
      if (args.empty() || args.size() > 2 || !is_day(args[0]))
        return "usage: boards YYYYMMDD [N], e.g. boards 20261122 5";
      if (args.size() == 2 && !positive(args[1], 4))
        return "usage: boards YYYYMMDD [N]: N is a positive integer";
      return "";
    case command_kind::top: {
      if (args.size() > 2)
        return usage_error(usage);
      std::string by = "mailbox";
      std::string n = "10";
      for (const auto& a : args) {
        if (positive(a, 4))
          n = a;
        else if (all_digits(a, a.size()))
          return usage_error(usage);
        else if (a == "mailbox" || a == "rate")
          by = a;
        else
          return usage_error(usage) + ": '" + a
                 + "' is not a sort key; sort by mailbox or rate";
      }
      args = {by, n};
      return "";
    }
    default:
      return args.empty() ? "" : usage_error(usage) + " (no arguments)";
  }
}

} // namespace hot::console
