#!/usr/bin/env bash
# Property-based API testing with schemathesis against a running demo server, as an owner's API
# token (the way an integration calls Mognad; the session only makes the token): every operation of /api/v1/openapi.json gets generated requests, and every check
# schemathesis has runs (no 5xx, answers as documented, schema-valid requests taken and
# schema-violating ones refused). The seed is fixed so CI judges the same requests each run;
# SEED=… explores others.
#
#   e2e/api-fuzz.sh path/to/mognad [path/to/schemathesis]
set -euo pipefail
bin=$1
st=${2:-schemathesis}
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
MOGNAD_DATA_DIR="$dir" "$bin" serve --demo --listen "127.0.0.1:$port" >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 300); do grep -q "password" "$dir/server.log" 2>/dev/null && break; sleep 0.1; done
password=$(sed -nE 's/.*password (\S+).*/\1/p' "$dir/server.log")
base="http://127.0.0.1:$port"
jar="$dir/cookies"
csrf=$(curl -s -c "$jar" "$base/login" | sed -nE 's/.*name="_csrf" value="([^"]+)".*/\1/p' | head -1)
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" \
  --data-urlencode "email=demo@norrvik.example" --data-urlencode "password=$password" "$base/login"
session=$(awk '$6 == "mognad_session" {print $7}' "$jar")
csrf=$(awk '$6 == "mognad_csrf" {print $7}' "$jar")
[ -n "$session" ] || { echo "could not sign in"; cat "$dir/server.log"; exit 1; }
org=$(curl -s -b "$jar" "$base/api/v1/me" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["organisations"][0]["id"])')
token=$(curl -s -b "$jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d '{"name": "schemathesis", "role": "owner", "days": 1}' "$base/api/v1/orgs/$org/tokens" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')
[ -n "$token" ] || { echo "could not make an API token"; exit 1; }
# Requests go to the demo organisation, so they reach the handlers rather than stop at 404.
cat >"$dir/schemathesis.toml" <<TOML
[parameters]
"path.org" = "$org"

# The token satisfies the document's "token" scheme; naming it lets schemathesis check that
# requests without it (or with a broken one) are refused.
[auth.openapi.token]
bearer = "$token"

# Raw TOML uploads (models, frameworks) have no request serializer in schemathesis; the
# parsers have their own property tests in Rust.
# Every check runs. A request the schema allows may still break a rule the schema cannot say
# (a name taken, an unknown id, a unit under itself): that is a 422 with the errors, not a fault.
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "3xx", "401", "403", "404", "409", "422", "429"]

[[operations]]
include-name = "POST /api/v1/orgs/{org}/models"
enabled = false

[[operations]]
include-name = "POST /api/v1/orgs/{org}/frameworks"
enabled = false

# Revoking would take away the very token the run uses; revocation is tested in Rust
# (crates/web/tests/accounts.rs).
[[operations]]
include-name = "DELETE /api/v1/orgs/{org}/tokens/{id}"
enabled = false
TOML
"$st" --config-file "$dir/schemathesis.toml" run "$base/api/v1/openapi.json" \
  --checks all \
  --max-examples "${MAX_EXAMPLES:-25}" \
  --seed "${SEED:-20261205}" \
  --request-timeout 10
