// The live overview: a full-screen ncurses view refreshed every second.
#include "app/console/overview_screen.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <curses.h>

#include "app/console/json_fields.hpp"
#include "app/console/number_format.hpp"
#include "app/console/terminal_size.hpp"
#include "app/console/text_width.hpp"
#include "app/console/zone_time.hpp"

namespace hot::console {

namespace {

using clock_type = std::chrono::steady_clock;

constexpr auto refresh_every = std::chrono::seconds{1};
constexpr int key_poll_ms = 100;
constexpr short alert_pair = 1;
constexpr int ctrl_l = 12;

size_t columns_of(int columns) {
  return columns > 0 ? static_cast<size_t>(columns) : 0;
}

} // namespace

overview_screen::overview_screen(admin_client& client) : client_(client) {
}

overview_screen::~overview_screen() {
  if (screen_ != nullptr) {
    if (isendwin() == FALSE)
      endwin();
    delscreen(screen_);
  }
}

bool overview_screen::open(std::string& error) {
  // newterm, unlike initscr, reports an unknown terminal instead of exiting.
  screen_ = newterm(nullptr, stdout, stdin);
  if (screen_ == nullptr) {
    const char* term = std::getenv("TERM");
    error = std::string{"cannot drive this terminal (TERM="}
            + (term != nullptr ? term : "unset")
            + "); use --once for plain output";
    return false;
  }
  cbreak();
  noecho();
  keypad(stdscr, TRUE);
  curs_set(0);
  set_escdelay(25);
  if (has_colors() == TRUE && start_color() == OK) {
    use_default_colors();
    color_ = init_pair(alert_pair, COLOR_RED, -1) == OK;
  }
  endwin(); // `run` enters curses mode.
  return true;
}

void overview_screen::adopt_terminal_size() {
  // A resize while the command line had the terminal reached libedit, not
  // curses; ask the terminal itself.
  auto size = terminal_size_of(STDOUT_FILENO);
  if (size && is_term_resized(size->rows, size->columns) == TRUE)
    resize_term(size->rows, size->columns);
}

screen_exit overview_screen::run() {
  adopt_terminal_size();
  clearok(curscr, TRUE);
  refresh();
  timeout(key_poll_ms);
  auto next_fetch = clock_type::now();
  while (true) {
    if (clock_type::now() >= next_fetch) {
      fetch();
      next_fetch = clock_type::now() + refresh_every;
      draw();
    }
    auto key = getch();
    switch (key) {
      case ERR:
        continue;
      case 'q':
      case 'Q':
        endwin();
        return screen_exit::quit;
      case ':':
        endwin();
        return screen_exit::command_line;
      case 'm':
      case 'r':
        order_ = key == 'm' ? actor_order::mailbox : actor_order::rate;
        next_fetch = clock_type::now();
        break;
      case KEY_UP:
      case 'k':
        --scroll_;
        break;
      case KEY_DOWN:
      case 'j':
        ++scroll_;
        break;
      case KEY_PPAGE:
        scroll_ -= page_;
        break;
      case KEY_NPAGE:
      case ' ':
        scroll_ += page_;
        break;
      case KEY_HOME:
      case 'g':
        scroll_ = 0;
        break;
      case ctrl_l:
        clearok(curscr, TRUE);
        break;
      default: // KEY_RESIZE included: curses has the new size already.
        break;
    }
    draw();
  }
}

void overview_screen::fetch() {
  auto reply = client_.get("/admin/v1/overview");
  if (reply && order_ == actor_order::rate) {
    auto top = client_.get("/admin/v1/top?by=rate&n=5");
    if (!top)
      reply = std::move(top);
    else
      actors_ = array_field(top.body, "actors");
  }
  if (!reply) {
    error_ = reply.error->message;
    return;
  }
  overview_ = std::move(reply.body);
  if (order_ == actor_order::mailbox)
    actors_ = array_field(overview_, "topMailboxes");
  error_.clear();
  // In the zone of every other time on the screen, which the header names.
  updated_ = clock_text(now_epoch_ms(), zone_of(overview_));
}

text_lines overview_screen::body(size_t width) const {
  text_lines out;
  if (!error_.empty()) {
    for (auto& line : wrap(error_ + " Retrying every second.", width))
      out.push_back({std::move(line), line_style::alert});
    if (!updated_.empty())
      out.push_back({fit("What follows is from " + updated_ + ".", width),
                     line_style::alert});
    out.push_back({});
  }
  if (!overview_.is_null())
    append(out,
           overview_text(overview_, actors_, order_, now_epoch_ms(), width));
  return out;
}

void overview_screen::draw_line(int row, const text_line& line, int columns) {
  attr_t attrs = A_NORMAL;
  short pair = 0;
  if (line.style == line_style::heading) {
    attrs = A_BOLD;
  } else if (line.style == line_style::alert) {
    attrs = color_ ? A_BOLD : A_BOLD | A_STANDOUT;
    pair = color_ ? alert_pair : 0;
  }
  attr_set(attrs, pair, nullptr);
  // Views fit their lines already; fitting again covers the screen's own.
  mvaddstr(row, 0, fit(line.text, columns_of(columns)).c_str());
  attr_set(A_NORMAL, 0, nullptr);
}

void overview_screen::draw() {
  erase();
  int rows = LINES;
  int columns = COLS;
  if (rows <= 0 || columns <= 0)
    return;
  // The last row leaves its last cell alone: writing there scrolls some
  // terminals.
  auto last_columns = std::max(columns - 1, 0);
  std::string title = "hot-articles-console  " + client_.endpoint().text()
                      + "  by " + to_string(order_) + "  updated "
                      + (updated_.empty() ? "-" : updated_);
  draw_line(0, {title, line_style::normal}, rows == 1 ? last_columns : columns);
  mvchgat(0, 0, -1, A_REVERSE, 0, nullptr);
  bool status = rows >= 3;
  int first = 1;
  int last = status ? rows - 2 : rows - 1;
  page_ = std::max(last - first + 1, 1);
  auto lines = body(columns_of(columns));
  auto max_scroll = std::max(static_cast<int>(lines.size()) - page_, 0);
  scroll_ = std::clamp(scroll_, 0, max_scroll);
  for (int row = first; row <= last; ++row) {
    auto index = static_cast<size_t>(scroll_ + row - first);
    if (index >= lines.size())
      break;
    draw_line(row, lines[index], row == rows - 1 ? last_columns : columns);
  }
  if (status) {
    std::string keys = "q quit  m mailbox  r rate  arrows/PgUp/PgDn scroll  "
                       ": commands";
    if (max_scroll > 0)
      keys += "  (" + std::to_string(scroll_ + 1) + "-"
              + std::to_string(
                std::min(scroll_ + page_, static_cast<int>(lines.size())))
              + " of " + std::to_string(lines.size()) + ")";
    draw_line(rows - 1, {keys, line_style::normal}, last_columns);
    mvchgat(rows - 1, 0, -1, A_REVERSE, 0, nullptr);
  }
  refresh();
}

} // namespace hot::console
