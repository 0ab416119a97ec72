#!/usr/bin/env bash
# Scale-out against the EventStoreDB cluster: 3 EventStoreDB nodes, Redis, 2 api and 2 worker replicas
# (deploy/compose.cluster.yaml), load round-robin through both api replicas, then every acknowledged command
# checked in its stream through the api, and the integrity check. Needs Docker Compose v2 and Node.js (run it
# from a clone with `npm install` done). Leaves the cluster running; stop it with
#   docker compose -f deploy/compose.cluster.yaml down -v
#
# Settings: SCALE_OUT_SECONDS (load, default 60), SCALE_OUT_LANES (default 8), API_PORTS (default 3000-3001),
# AUTH_JWT_SECRET (the compose file's demo secret unless set: the script signs its tokens with it), THROTTLE_LIMIT
# (default 1000000).
set -euo pipefail
cd "$(dirname "$0")/.."

compose=(docker compose -f deploy/compose.cluster.yaml)
ports="${API_PORTS:-3000-3001}"
first="${ports%-*}"
last="${ports#*-}"
secret="${AUTH_JWT_SECRET:-local-compose-demo-secret-do-not-use-in-production}"

docker compose version >/dev/null 2>&1 || { echo "Docker Compose v2 (docker compose) is required" >&2; exit 2; }
# The load comes from one address with three tokens, and both api replicas count one rate limit in Redis:
# lifted as in the local runs, or the buyer's commands would be answered 429.
export THROTTLE_LIMIT="${THROTTLE_LIMIT:-1000000}"
"${compose[@]}" up -d --build --wait

apis=()
for port in $(seq "$first" "$last"); do
  for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:${port}/health" >/dev/null && break
    sleep 2
  done
  apis+=("http://127.0.0.1:${port}")
done

SCALE_OUT_APIS="$(IFS=,; echo "${apis[*]}")" SCALE_OUT_JWT_SECRET="$secret" npx tsx test/cluster/scale-out.ts
