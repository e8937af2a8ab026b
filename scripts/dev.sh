#!/usr/bin/env bash
# Commands for a fresh machine, as the README says:
#   bash scripts/dev.sh serve   installs what the site needs, builds and serves it
#   bash scripts/dev.sh editeur the same, with the web editor (/admin/) writing to this copy's kit/
#   bash scripts/dev.sh test    installs what the tests need (Chromium, LibreOffice, Java included) and runs
#                               them all: Node's unit tests of the checklist scripts, then pytest
set -euo pipefail

cd "$(dirname "$0")/.."
VENV="${KIT_VENV:-.venv}"

python_env() {
  if [ ! -x "$VENV/bin/python" ]; then
    echo "Création de l'environnement Python dans $VENV…"
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e ".[$1]"
}

# Debian's Chromium drives the browser tests; no test downloads a browser.
browser() {
  if command -v chromium >/dev/null 2>&1; then
    return
  fi
  echo "Installation de Chromium (paquet Debian)…"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
    echo "Impossible d'installer Chromium." >&2
  fi
  if [ "${CI:-}" = "true" ] && ! command -v chromium >/dev/null 2>&1; then
    echo "Chromium est introuvable : en intégration continue, les tests du navigateur ne peuvent pas être ignorés." >&2
    exit 1
  fi
}

# The clients people open our files with check them in the tests: LibreOffice
# (Debian's, without a display) converts the ODS and ODT downloads, and Java runs
# the Nu Html Checker (vnu.jar, from npm) over the built pages.
document_tools() {
  local missing=()
  command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui libreoffice-writer-nogui)
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  if [ "${#missing[@]}" -eq 0 ]; then
    return
  fi
  echo "Installation de LibreOffice et de Java (paquets Debian)…"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "Impossible d'installer LibreOffice ou Java." >&2
  fi
  if [ "${CI:-}" = "true" ] && ! { command -v soffice && command -v java; } >/dev/null 2>&1; then
    echo "LibreOffice ou Java est introuvable : en intégration continue, ces tests ne peuvent pas être ignorés." >&2
    exit 1
  fi
}

# From the npm registry, pinned by package-lock.json: the web editor (decap-cms, copied
# into the site; decap-server, its local backend), and test tools: axe-core (injected
# into pages by the accessibility tests) and vnu-jar (the Nu Html Checker). Install
# scripts are skipped: vnu-jar's would download a Java runtime when none is found,
# and the tests use Debian's.
node_tools() {
  if ! command -v npm >/dev/null 2>&1; then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
  fi
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
}

case "${1:-}" in
  serve)
    python_env site
    node_tools
    shift
    export NO_MKDOCS_2_WARNING=1
    # The preview skips the offline zip (rebuilt on every edit otherwise); KIT_SANS_HORS_LIGNE= builds it.
    export KIT_SANS_HORS_LIGNE="${KIT_SANS_HORS_LIGNE-1}"
    exec "$VENV/bin/mkdocs" serve "$@"
    ;;
  editeur)
    python_env site
    node_tools
    shift
    export NO_MKDOCS_2_WARNING=1
    export KIT_SANS_HORS_LIGNE="${KIT_SANS_HORS_LIGNE-1}"
    # Decap CMS's local backend: reads and writes this copy's files, listening on 127.0.0.1 only.
    port="${KIT_EDITEUR_PORT:-8081}"
    PORT="$port" BIND_HOST=127.0.0.1 MODE=fs GIT_REPO_DIRECTORY="$PWD" LOG_LEVEL=warn \
      node node_modules/decap-server/dist/index.js &
    backend=$!
    trap 'kill "$backend" 2>/dev/null' EXIT
    echo "Éditeur : http://127.0.0.1:8000/admin/ (les enregistrements vont dans kit/)"
    KIT_EDITEUR_LOCAL="http://127.0.0.1:$port/api/v1" "$VENV/bin/mkdocs" serve "$@"
    ;;
  test)
    python_env test
    browser
    document_tools
    node_tools
    shift
    # The checklist scripts' unit tests (Node's own runner) first: a failure stops here.
    # The shell lists the files, which every Node version since 18 accepts.
    node --test --test-reporter=spec tests/js/*.test.js
    export NO_MKDOCS_2_WARNING=1
    if [ "$#" -eq 0 ]; then
      # The whole suite: its files shared among the cores (pytest-xdist), each
      # file in one worker, so a file's fixtures are set up once; the slowest
      # tests listed at the end, to keep the suite within its ten minutes.
      set -- --numprocesses=auto --maxprocesses=4 --dist=loadfile --durations=15
    fi
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  *)
    echo "Usage : bash scripts/dev.sh serve | editeur | test" >&2
    exit 2
    ;;
esac
