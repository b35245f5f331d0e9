#!/usr/bin/env bash
# npm run audit:deps: the production dependencies have no high or critical advisory.
# Fails on such a finding; says so and passes when the registry does not answer the audit
# (some mirrors and proxies refuse npm's bulk advisory endpoint).
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(npm audit --omit=dev --audit-level=high --json 2>/dev/null)
status=$?
summary=$(node -e '
  let report; try { report = JSON.parse(require("fs").readFileSync(0, "utf8")); } catch { process.exit(3); }
  if (report.error || !report.metadata) process.exit(3);
  const v = report.metadata.vulnerabilities;
  console.log(`critical ${v.critical}, high ${v.high}, moderate ${v.moderate}, low ${v.low}`);
  process.exit(v.critical + v.high > 0 ? 1 : 0);
' <<<"$out")
verdict=$?
case $verdict in
  0) echo "[audit] production dependencies: $summary" ;;
  1) echo "[audit] production dependencies have high or critical advisories: $summary" >&2
     npm audit --omit=dev --audit-level=high >&2; exit 1 ;;
  *) echo "[audit] the registry did not answer npm audit (exit $status); nothing to report" >&2 ;;
esac
