#!/bin/sh
# Static checks of docker/: no Docker engine runs here, so the compose files go
# through docker-compose's own parser and the Dockerfile through rules below.
#
#   check_docker.sh ROOT [DOCKER_COMPOSE]  all checks; without DOCKER_COMPOSE
#                                          only the Dockerfile's, then exit 77
#   check_docker.sh --self-test ROOT       the Dockerfile rules must reject
#                                          broken copies of docker/Dockerfile
set -u

runtime_packages="libcaf-core0.17 libcaf-io0.17 librdkafka1 libhiredis0.14
  libcpp-httplib0.11 libsimdjson14 libdate-tz3 libedit2 libncursesw6 libssl3
  libbrotli1 zlib1g tzdata ca-certificates"
binaries="hot-articles hot-articles-gen hot-articles-console"

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# One line per instruction: "stage<TAB>INSTRUCTION<TAB>arguments", with
# continuations joined, comments dropped and blanks squeezed, so the rules
# below see what Docker sees rather than the file's layout.
instructions() {
  awk '
    /^[[:space:]]*#/ { next }
    {
      line = $0
      if (line ~ /\\[[:space:]]*$/) {
        sub(/\\[[:space:]]*$/, " ", line)
        buf = buf line
        next
      }
      buf = buf line
      gsub(/[[:space:]]+/, " ", buf)
      sub(/^ /, "", buf)
      sub(/ $/, "", buf)
      if (buf != "") {
        n = index(buf, " ")
        instr = toupper(n ? substr(buf, 1, n - 1) : buf)
        args = n ? substr(buf, n + 1) : ""
        if (instr == "FROM") stage++
        printf "%d\t%s\t%s\n", stage, instr, args
      }
      buf = ""
    }' "$1"
}

# Arguments of every INSTRUCTION in STAGE, one instruction per line.
args_of() {
  awk -F '\t' -v s="$2" -v i="$3" '$1 == s && $2 == i { print $3 }' "$1"
}

contains_word() {
  case " $1 " in *" $2 "*) return 0 ;; esac
  return 1
}

check_dockerfile() {
  file=$1
  parsed=$(mktemp)
  instructions "$file" >"$parsed"
  stages=$(awk -F '\t' '$2 == "FROM"' "$parsed" | wc -l)
  if [ "$stages" -lt 2 ]; then
    fail "Dockerfile: expected a build and a runtime stage, found $stages FROM"
    rm -f "$parsed"
    return
  fi

  first=$(args_of "$parsed" 1 FROM)
  build_image=${first%% *}
  case "$build_image" in
    debian:bookworm | debian:bookworm-[0-9]* | debian:bookworm@*) ;;
    *) fail "Dockerfile: build stage is FROM $build_image, not debian:bookworm" ;;
  esac
  build_name=$(echo "$first" | awk '{ if (tolower($2) == "as") print $3 }')
  [ -n "$build_name" ] || fail "Dockerfile: build stage has no name (AS ...)"

  build_run=$(args_of "$parsed" 1 RUN | tr '\n' ' ')
  contains_word "$build_run" "scripts/install-deps.sh" \
    || contains_word "$build_run" "./scripts/install-deps.sh" \
    || fail "Dockerfile: build stage does not run scripts/install-deps.sh"
  contains_word "$build_run" "-DHOT_ARTICLES_TESTS=OFF" \
    || fail "Dockerfile: build stage configures with the tests on"
  for b in $binaries; do
    contains_word "$build_run" "$b" \
      || fail "Dockerfile: build stage does not build $b"
  done
  # The dependency layer must not depend on the sources, or every edit
  # reinstalls the toolchain.
  order=$(awk -F '\t' '$1 == 1 && $2 == "COPY" {
      if ($3 ~ /install-deps\.sh/ && !deps) deps = NR
      if ($3 ~ /^\. / && !src) src = NR
    } END { print (deps && src && deps < src) ? "ok" : "bad" }' "$parsed")
  [ "$order" = ok ] \
    || fail "Dockerfile: copy scripts/install-deps.sh before the sources"

  last=$stages
  runtime=$(args_of "$parsed" "$last" FROM)
  case "${runtime%% *}" in
    debian:bookworm-slim | debian:bookworm-slim@*) ;;
    *) fail "Dockerfile: runtime stage is FROM ${runtime%% *}, not debian:bookworm-slim" ;;
  esac

  install=$(args_of "$parsed" "$last" RUN | grep 'apt-get install' | tr '\n' ' ')
  if [ -z "$install" ]; then
    fail "Dockerfile: runtime stage runs no apt-get install"
  else
    contains_word "$install" "--no-install-recommends" \
      || fail "Dockerfile: runtime apt-get install pulls recommends"
    case "$install" in
      *"rm -rf /var/lib/apt/lists"*) ;;
      *) fail "Dockerfile: runtime stage keeps the apt lists" ;;
    esac
    for p in $runtime_packages; do
      contains_word "$install" "$p" \
        || fail "Dockerfile: runtime package $p is not installed"
    done
  fi

  copies=$(args_of "$parsed" "$last" COPY | grep -- "--from=$build_name " \
    | tr '\n' ' ')
  for b in $binaries; do
    case " $copies " in
      *"/bin/$b "*) ;;
      *) fail "Dockerfile: runtime stage does not copy build/bin/$b" ;;
    esac
  done

  user=$(args_of "$parsed" "$last" USER | tail -n 1)
  case "$user" in
    "") fail "Dockerfile: runtime stage sets no USER (it would run as root)" ;;
    root | root:* | 0 | 0:*) fail "Dockerfile: runtime USER is $user" ;;
  esac

  health=$(args_of "$parsed" "$last" HEALTHCHECK | tail -n 1)
  case "$health" in
    "" | NONE) fail "Dockerfile: runtime stage has no HEALTHCHECK" ;;
    */health*) ;;
    *) fail "Dockerfile: the HEALTHCHECK does not probe /health" ;;
  esac

  exposed=$(args_of "$parsed" "$last" EXPOSE | sed 's|/tcp||g' | tr '\n' ' ')
  for port in 8080 8081; do
    contains_word "$exposed" "$port" || fail "Dockerfile: port $port not exposed"
  done

  entry=$(args_of "$parsed" "$last" ENTRYPOINT | tail -n 1 | tr -d ' ')
  case "$entry" in
    '["hot-articles"'* | '["/usr/local/bin/hot-articles"'*) ;;
    *) fail "Dockerfile: ENTRYPOINT is not the daemon in exec form: $entry" ;;
  esac
  rm -f "$parsed"
}

# Each broken copy must make the rules fail; a mutation that no longer
# applies (the Dockerfile changed) fails too, so this test is kept current.
self_test() {
  root=$1
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  outcome=0
  while IFS='|' read -r what script; do
    [ -n "$what" ] || continue
    sed -e "$script" "$root/docker/Dockerfile" >"$work/Dockerfile"
    if cmp -s "$root/docker/Dockerfile" "$work/Dockerfile"; then
      echo "FAIL: mutation '$what' no longer changes docker/Dockerfile"
      outcome=1
      continue
    fi
    failures=0
    found=$(check_dockerfile "$work/Dockerfile")
    if [ -n "$found" ]; then
      echo "ok: $what -> $(echo "$found" | head -n 1)"
    else
      echo "FAIL: the rules accept a Dockerfile with: $what"
      outcome=1
    fi
  done <<'EOF'
no USER|/^USER /d
USER root|s/^USER .*/USER root/
no HEALTHCHECK|s/^HEALTHCHECK/# HEALTHCHECK/
a runtime package missing|s/ libhiredis0\.14//
the console not copied|\|/src/build/bin/hot-articles-console \\$|d
a full runtime base|s/^FROM debian:bookworm-slim/FROM debian:bookworm/
8080 not exposed|s/^EXPOSE 8080 /EXPOSE /
sources copied before the dependencies|s|^COPY scripts/install-deps.sh .*|COPY . .|
EOF
  return $outcome
}

if [ "${1:-}" = "--self-test" ]; then
  self_test "$2"
  exit $?
fi

root=$1
compose=${2:-}

check_dockerfile "$root/docker/Dockerfile"
[ "$failures" -eq 0 ] && echo "ok: docker/Dockerfile"

if [ -z "$compose" ]; then
  [ "$failures" -eq 0 ] || exit 1
  echo "SKIPPED: docker-compose not found; the compose files were not checked"
  exit 77
fi

base="$root/docker/docker-compose.yml"
admin="$root/docker/docker-compose.admin.yml"
# The admin overlay's guard is what is tested below: no token may leak in.
unset HOT_ARTICLES_ADMIN_TOKEN

if "$compose" -f "$base" config -q; then
  echo "ok: docker-compose.yml"
else
  fail "docker-compose.yml does not validate"
fi
if "$compose" --profile generator -f "$base" config -q; then
  echo "ok: docker-compose.yml with --profile generator"
else
  fail "docker-compose.yml with --profile generator does not validate"
fi
if "$compose" --profile monitoring -f "$base" config -q; then
  echo "ok: docker-compose.yml with --profile monitoring"
else
  fail "docker-compose.yml with --profile monitoring does not validate"
fi
# Bind mounts (./x:/y) must name files of docker/: compose would create a
# missing one as an empty directory.
for mount in $(grep -o '^[[:space:]]*- \./[^:]*:' "$base" | sed 's/^[[:space:]]*- //; s/:$//'); do
  [ -e "$root/docker/$mount" ] \
    || fail "docker-compose.yml mounts $mount, which docker/ does not have"
done
if HOT_ARTICLES_ADMIN_TOKEN=check "$compose" -f "$base" -f "$admin" config -q
then
  echo "ok: docker-compose.yml + docker-compose.admin.yml"
  # Only meaningful once the pair validates with a token.
  if "$compose" -f "$base" -f "$admin" config -q 2>/dev/null; then
    fail "docker-compose.admin.yml validates without HOT_ARTICLES_ADMIN_TOKEN"
  else
    echo "ok: docker-compose.admin.yml refuses to run without a token"
  fi
else
  fail "docker-compose.yml + docker-compose.admin.yml does not validate"
fi
# Without the overlay the admin port stays unpublished (see the compose file).
if grep -v '^[[:space:]]*#' "$base" | grep -q '8081'; then
  fail "docker-compose.yml mentions port 8081; publishing it belongs in docker-compose.admin.yml"
fi
grep -q '"127\.0\.0\.1:8081:8081"' "$admin" \
  || fail "docker-compose.admin.yml must publish 8081 on 127.0.0.1 only"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all docker checks passed"
