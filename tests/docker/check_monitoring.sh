#!/bin/sh
# Static checks of docker/prometheus: the config and the alert rules through
# promtool's own parser, the rules' unit tests (alerts_test.yml), and every
# alert's `for:`, severity, summary, description, unit test and runbook.
#
#   check_monitoring.sh ROOT [PROMTOOL]
#
# promtool comes with Debian's prometheus package (scripts/install-deps.sh).
# Without it this check fails: it is not skipped.
set -u

root=$1
promtool=${2:-}
here=$(dirname "$0")

[ -n "$promtool" ] || promtool=$(command -v promtool || true)
if [ -z "$promtool" ] || [ ! -x "$promtool" ]; then
  echo "FAIL: promtool not found; install Debian's prometheus package" \
       "(apt-get install prometheus, or scripts/install-deps.sh)"
  exit 1
fi

config="$root/docker/prometheus/prometheus.yml"
rules="$root/docker/prometheus/alerts.yml"
runbook="$root/docs/operations.md"

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# check config also checks the rule files it names.
"$promtool" check config "$config" || fail "promtool check config $config"
"$promtool" check rules "$rules" || fail "promtool check rules $rules"
"$promtool" test rules "$here/alerts_test.yml" \
  || fail "promtool test rules alerts_test.yml"

parsed=$(mktemp)
trap 'rm -f "$parsed"' EXIT
# One line per alert: "name<TAB>has-for<TAB>severity<TAB>summary<TAB>description",
# from the rules file's layout (two-space indents, one key per line).
awk '
  function flush() {
    if (name != "")
      printf "%s\t%d\t%s\t%d\t%d\n", name, has_for, severity, summary, description
  }
  /^[[:space:]]*- alert:/ { flush(); name = $3; has_for = 0; severity = ""
                            summary = 0; description = 0; next }
  /^[[:space:]]*- record:/ { flush(); name = ""; next }
  name == "" { next }
  /^[[:space:]]*for:/ { has_for = 1 }
  /^[[:space:]]*severity:/ { severity = $2 }
  /^[[:space:]]*summary:/ { summary = 1 }
  /^[[:space:]]*description:/ { description = 1 }
  END { flush() }
'  "$rules" >"$parsed"

alerts=0
while IFS="$(printf '\t')" read -r name has_for severity summary description; do
  alerts=$((alerts + 1))
  [ "$has_for" = 1 ] || fail "$name has no for:"
  case "$severity" in
    critical | warning | info) ;;
    *) fail "$name: severity '$severity' is not critical, warning or info" ;;
  esac
  [ "$summary" = 1 ] || fail "$name has no summary annotation"
  [ "$description" = 1 ] || fail "$name has no description annotation"
  grep -q "alertname: $name\$" "$here/alerts_test.yml" \
    || fail "$name has no case in tests/docker/alerts_test.yml"
  grep -Eq "^#+ $name\$" "$runbook" \
    || fail "$name has no heading '## $name' in docs/operations.md"
  anchor=$(echo "$name" | tr 'A-Z' 'a-z')
  grep -q "runbook: docs/operations.md#$anchor\$" "$rules" \
    || fail "$name: no runbook annotation pointing at #$anchor"
done <"$parsed"
[ "$alerts" -gt 0 ] || fail "no alert found in $rules"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all monitoring checks passed ($alerts alerts)"
