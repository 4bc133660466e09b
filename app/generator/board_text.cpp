// Titles, bodies and comment paths that look like a Korean board's.
#include "app/generator/board_text.hpp"

#include <array>
#include <string_view>

namespace hot::gen {

namespace {

constexpr std::array<std::string_view, 24> title_words{
  "오늘", "점심",   "추천", "질문", "후기", "Kafka", "Redis", "Spring",
  "C++",  "주말",   "여행", "맛집", "개발", "공부",  "취업",  "\"꿀팁\"",
  "정리", "이벤트", "리뷰", "뉴스", "배포", "장애",  "회고",  "a\\b 경로",
};

constexpr std::array<std::string_view, 12> sentences{
  "다들 어떻게 생각하시나요?",
  "자세한 내용은 아래를 참고해 주세요.",
  "어제 겪은 일을 정리해 봤습니다.",
  "Consumer lag is back to normal after the rebalance.",
  "처음 글 써봅니다. 잘 부탁드립니다!",
  "정말 좋네요 👍",
  "출처는 공식 문서입니다.",
  "The outbox relay retried twice, then it worked.",
  "혹시 비슷한 경험 있으신 분?",
  "이 부분은 아직 잘 모르겠어요.",
  "다음 주에 후속 글 올리겠습니다.",
  "tab\there, and a new\nline.",
};

constexpr std::string_view base62
  = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

std::string_view pick_word(sim_random& random) {
  return title_words[random.below(title_words.size())];
}

std::string_view pick_sentence(sim_random& random) {
  return sentences[random.below(sentences.size())];
}

} // namespace

std::string board_text::title(sim_random& random) {
  std::string out{pick_word(random)};
  auto words = random.between(1, 4);
  for (int64_t i = 0; i < words; ++i) {
    out += ' ';
    out += pick_word(random);
  }
  return out;
}

std::string board_text::article_body(sim_random& random,
                                     const std::string& title) {
  std::string out = title;
  out += "\n";
  auto count = random.between(2, 6);
  for (int64_t i = 0; i < count; ++i) {
    out += pick_sentence(random);
    out += ' ';
  }
  out.pop_back();
  return out;
}

std::string board_text::comment(sim_random& random) {
  std::string out{pick_sentence(random)};
  if (random.chance(0.3)) {
    out += ' ';
    out += pick_sentence(random);
  }
  return out;
}

std::string board_text::path_chunk(uint32_t index) {
  std::string out(path_chunk_size, '0');
  for (auto pos = path_chunk_size; pos > 0 && index > 0; --pos) {
    out[pos - 1] = base62[index % base62.size()];
    index /= static_cast<uint32_t>(base62.size());
  }
  return out;
}

} // namespace hot::gen
