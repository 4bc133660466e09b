// The documentation's runnable commands: `sh` blocks marked in markdown,
// turned into bash scripts (see docs/development.md).
#include "tests/e2e/doc_scripts.hpp"

#include <sstream>

namespace hot::test {

namespace {

std::string trim(const std::string& text) {
  auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos)
    return {};
  auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

bool is_fence(const std::string& line) {
  return trim(line).rfind("```", 0) == 0;
}

std::string single_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text)
    out += c == '\'' ? std::string{"'\\''"} : std::string(1, c);
  return out + "'";
}

// "<!-- test: NAME [wait] -->" or "<!-- untested: REASON -->".
void read_marker(const std::string& line, doc_block& block) {
  auto text = trim(line);
  if (text.rfind("<!--", 0) != 0)
    return;
  auto end = text.find("-->");
  auto body = trim(text.substr(4, end == std::string::npos ? end : end - 4));
  if (body.rfind("untested:", 0) == 0) {
    block.marker = "untested";
  } else if (body.rfind("test:", 0) == 0) {
    block.marker = "test";
    std::istringstream words{body.substr(5)};
    std::string option;
    words >> block.script >> option;
    block.wait = option == "wait";
  }
}

struct piece {
  std::string command;
  bool checked = false;
  std::string expected;
};

// A transcript's "$ command" lines, each with the lines under it.
std::vector<piece> transcript_pieces(const std::string& text) {
  std::vector<piece> out;
  if (text.rfind("$ ", 0) != 0)
    return out;
  std::istringstream lines{text};
  std::string line;
  bool continued = false;
  while (std::getline(lines, line)) {
    if (continued) {
      out.back().command += "\n" + line;
    } else if (line.rfind("$ ", 0) == 0) {
      out.push_back(piece{line.substr(2), false, {}});
    } else if (!out.empty()) {
      auto& p = out.back();
      p.expected += (p.checked ? "\n" : "") + line;
      p.checked = true;
    }
    continued = !line.empty() && line.back() == '\\';
  }
  return out;
}

std::string
replaced(std::string text,
         const std::vector<std::pair<std::string, std::string>>& replace) {
  for (const auto& [from, to] : replace)
    for (auto at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  return text;
}

// Runs `p` in a bash of its own (the script exports every variable), again
// for up to 30 s when `wait`, until it succeeds and prints what it should.
std::string checked_run(const piece& p, const std::string& where, bool wait) {
  std::ostringstream out;
  out << "__cmd=" << single_quoted(p.command) << "\n"
      << "__deadline=$((SECONDS + " << (wait ? 30 : 0) << "))\n"
      << "until __out=$(bash -euo pipefail -c \"$__cmd\" 2>&1)";
  if (p.checked)
    out << " && [[ $__out == " << glob_of(p.expected) << " ]]";
  out << "; do\n"
      << "  if (( SECONDS >= __deadline )); then\n"
      << "    printf '%s\\n' " << single_quoted(where + ": got")
      << " \"$__out\" " << single_quoted("expected") << " "
      << single_quoted(p.expected) << "\n"
      << "    exit 1\n"
      << "  fi\n"
      << "  sleep 0.2\n"
      << "done\n"
      << "printf '%s\\n' \"$__out\"\n";
  return out.str();
}

} // namespace

std::vector<doc_block> read_doc_blocks(const std::string& file,
                                       const std::string& markdown) {
  std::vector<std::string> lines;
  std::istringstream in{markdown};
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  std::vector<doc_block> out;
  size_t last_close = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!is_fence(lines[i]))
      continue;
    doc_block block;
    block.file = file;
    block.line = static_cast<int>(i + 1);
    block.info = trim(trim(lines[i]).substr(3));
    auto indent = lines[i].find_first_not_of(' ');
    size_t j = i + 1;
    for (; j < lines.size() && trim(lines[j]) != "```"; ++j) {
      auto text = lines[j].substr(std::min(indent, lines[j].size()));
      block.text += text + "\n";
    }
    size_t before = i;
    while (before > 0 && trim(lines[before - 1]).empty())
      --before;
    auto& previous = out.empty() ? block : out.back();
    if (!out.empty() && before > 0 && before - 1 == last_close
        && previous.marker == "test" && !previous.has_expected
        && block.info != "sh") {
      previous.has_expected = true;
      previous.expected = block.text;
    } else if (before > 0) {
      read_marker(lines[before - 1], block);
    }
    out.push_back(std::move(block));
    last_close = j;
    i = j;
  }
  return out;
}

std::string glob_of(const std::string& expected) {
  auto text = expected;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
    text.pop_back();
  std::string out;
  for (size_t at = 0;;) {
    auto dots = text.find("...", at);
    auto literal = text.substr(at,
                               dots == std::string::npos ? dots : dots - at);
    if (!literal.empty())
      out += single_quoted(literal);
    if (dots == std::string::npos)
      break;
    out += "*";
    at = dots + 3;
  }
  return out.empty() ? "''" : out;
}

std::vector<std::pair<std::string, std::string>>
doc_scripts(const std::vector<doc_block>& blocks,
            const std::vector<std::pair<std::string, std::string>>& replace) {
  std::vector<std::pair<std::string, std::string>> scripts;
  auto script_of = [&](const std::string& name) -> std::string& {
    for (auto& [n, text] : scripts)
      if (n == name)
        return text;
    scripts.emplace_back(name, "set -euo pipefail\nset -a\n");
    return scripts.back().second;
  };
  for (const auto& b : blocks) {
    if (b.marker != "test" || b.info != "sh")
      continue;
    auto where = b.file + ":" + std::to_string(b.line);
    auto& script = script_of(b.script);
    script += "echo " + single_quoted("--- " + where) + "\n";
    auto pieces = transcript_pieces(b.text);
    if (pieces.empty() && !b.wait && !b.has_expected) {
      script += replaced(b.text, replace);
      continue;
    }
    if (pieces.empty())
      pieces.push_back(piece{b.text, b.has_expected, b.expected});
    for (auto& p : pieces) {
      p.command = replaced(p.command, replace);
      script += checked_run(p, where, b.wait);
    }
  }
  return scripts;
}

} // namespace hot::test
