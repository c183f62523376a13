#!/usr/bin/env bash
# Prepares a fresh machine for CallSanta: Java for DynamoDB Local, espeak-ng for the local
# ElevenLabs' call recordings and Chromium for the browser tests (each when missing), then the
# npm dependencies — which bring Node 24 itself (the `node` devDependency), so the machine's own
# Node only has to be able to run npm.
set -euo pipefail
cd "$(dirname "$0")/.."

java_ok() {
  command -v java >/dev/null 2>&1 &&
    java -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])'
}

# Installs Debian packages with apt-get, as root or through sudo; $1 says what they are for.
apt_updated=""
apt_install() {
  local what="$1"
  shift
  local sudo
  if [ "$(id -u)" -eq 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "setup: $what is missing and this user cannot install it. Install $* (Debian/Ubuntu) and run this again." >&2
    exit 1
  fi
  if [ -z "$apt_updated" ]; then
    $sudo apt-get update -q
    apt_updated=yes
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@"
}

if ! java_ok; then
  echo "setup: installing a Java runtime (17 or newer) for DynamoDB Local …"
  apt_install "Java 17+" default-jre-headless
  java_ok || { echo "setup: the installed Java is older than 17; install openjdk-17-jre-headless or newer." >&2; exit 1; }
fi

if ! command -v espeak-ng >/dev/null 2>&1; then
  echo "setup: installing espeak-ng, which voices the local ElevenLabs emulator's calls …"
  apt_install "espeak-ng" espeak-ng
fi

# The browser tests drive Debian's Chromium through playwright-core; npm never downloads one.
if [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Chromium (Debian's package) for the browser tests …"
  apt_install "Chromium" chromium
  [ -x /usr/bin/chromium ] || {
    echo "setup: the chromium package did not provide /usr/bin/chromium (on Ubuntu it is a snap stub); install Debian's chromium so that /usr/bin/chromium runs it." >&2
    exit 1
  }
fi

echo "setup: installing npm dependencies (including Node 24) …"
npm ci --no-audit --no-fund
echo "setup: done — Node $(node_modules/.bin/node --version), $(java -version 2>&1 | head -n 1), $(espeak-ng --version | head -n 1), $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
