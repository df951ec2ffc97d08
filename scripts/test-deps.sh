#!/usr/bin/env bash
# Installs the Debian packages the tests use as references, when they are missing:
#   libxen-dev  libxlutil, the parser xl itself uses (differential tests)
#   gcc         to build the small harness that links it
#   chromium    headless browser for the timeline webview tests (test/browser)
#   sysstat     iostat, sar and mpstat, whose live output the capture tests read
#   procps      vmstat, likewise
#   lvm2        lvmconfig --validate, the reference for the lvm.conf checks (and its stock configs)
# Runs before `npm test`; without root or sudo it only says what is missing.
set -u
need=()
for pkg in libxen-dev gcc libc6-dev chromium sysstat procps lvm2; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo -n"
else
  echo "xenops tests: install ${need[*]} (Debian) to run the reference tests; they are skipped without it." >&2
  exit 0
fi
echo "xenops tests: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q "${need[@]}" >/dev/null 2>&1 || {
  $sudo apt-get update -q >/dev/null 2>&1
  $sudo apt-get install -y -q "${need[@]}" >/dev/null
}
