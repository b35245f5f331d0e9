#!/usr/bin/env bash
# Writes migrations/<timestamp>-<Name>.ts from the difference between the entities and the
# database at DATABASE_URL. Read it before committing, and list it in migrations/index.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { echo "usage: npm run migration:generate -- VerbNoun   (e.g. CreateRounds)" >&2; exit 2; }
source scripts/env.sh
npm run --silent typeorm -- migration:generate "migrations/$1" --pretty
echo "Now read it, then add it to migrations/index.ts."
