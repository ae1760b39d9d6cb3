#!/usr/bin/env bash
# Installs what `npm start` and the end-to-end tests need to run the extension in a real VS Code:
#   - code-server (VS Code in the browser), from the npm registry, into a cache folder reused across runs;
#   - Debian's `chromium` (the browser the tests drive) and the headers code-server's native modules
#     are compiled against, through apt-get when they are missing and we are root.
# Prints the path of code-server's entry script on stdout (everything else goes to stderr), so callers
# can do: entry=$(scripts/setup-e2e.sh).
#
# Environment:
#   STATECRAFT_E2E_CACHE   cache folder (default ~/.cache/statecraft-e2e)
#   CODE_SERVER_VERSION    code-server version (default 4.100.3, which is VS Code 1.100)
#   SKIP_BROWSER=1         do not require chromium (for `npm start`, where you bring your own browser)
set -euo pipefail

version=${CODE_SERVER_VERSION:-4.100.3}
cache=${STATECRAFT_E2E_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/statecraft-e2e}
dest=$cache/code-server-$version
entry=$dest/node_modules/code-server/out/node/entry.js

say() { echo "setup-e2e: $*" >&2; }
fail() { say "$*"; exit 1; }

# --- Debian packages -------------------------------------------------------------------------------
# ripgrep: code-server's search (its own postinstall would download it; we copy Debian's instead).
# The -dev packages: headers for code-server's native modules (kerberos, keytar, native-keymap, ...).
packages=(ripgrep)
[[ -f $dest/.done ]] || packages+=(libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev g++ make python3)
[[ ${SKIP_BROWSER:-} == 1 ]] || packages+=(chromium)

have() {
  case $1 in
    # Build tools may come from elsewhere than Debian (pyenv, a toolchain image): a command will do.
    g++ | make | python3) command -v "$1" >/dev/null 2>&1 ;;
    chromium) [[ -x ${CHROMIUM:-/usr/bin/chromium} ]] ;;
    *) dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed' ;;
  esac
}

missing=()
for package in "${packages[@]}"; do have "$package" || missing+=("$package"); done
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    fail "missing: ${missing[*]}. Install them (as root: apt-get install ${missing[*]}) and run again.
  chromium may also be any Chromium or Chrome binary given as CHROMIUM=/path/to/chrome."
  fi
fi

# --- code-server -----------------------------------------------------------------------------------
if [[ -f $dest/.done ]]; then echo "$entry"; exit 0; fi

mkdir -p "$cache"
# One installer at a time (npm start and the tests may both ask for it).
exec 9>"$cache/.lock"
command -v flock >/dev/null && flock 9
if [[ -f $dest/.done ]]; then echo "$entry"; exit 0; fi

say "installing code-server $version into $dest (a few minutes, once)"
started=$SECONDS
rm -rf "$dest" && mkdir -p "$dest" && cd "$dest"
echo '{"private":true}' > package.json
# code-server's own postinstall refuses root and downloads ripgrep: run its steps by hand instead.
npm install --no-audit --no-fund --ignore-scripts --loglevel=error "code-server@$version" >&2
npm_config_yes=true npm rebuild --loglevel=error argon2 >&2
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# Native modules (node-pty, spdlog, kerberos, ...) compiled against this node.
npm_config_yes=true npm rebuild --loglevel=error >&2
ln -sfn node_modules node_modules.asar
[[ -f $entry ]] || fail "code-server installed but $entry is missing"
touch "$dest/.done"
say "code-server ready in $((SECONDS - started)) s"
echo "$entry"
