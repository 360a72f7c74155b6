#!/usr/bin/env bash
# Conformance of `archcanvas export`: exports every example (and the export test fixtures) in
# every language and has each artifact accepted by the real tool of its kind:
#
#   Rust services      cargo check (no warnings), cargo test on the end-to-end example, on
#                      every service that serves a GraphQL API (its POST /graphql test) and
#                      on each gRPC service (a tonic client calls one RPC)
#   TypeScript         tsc --noEmit --strict, then the node:test tests (health, GraphQL, gRPC)
#   Python             py_compile, import the FastAPI app, its OpenAPI paths = ours, pytest
#                      (health, GraphQL, gRPC)
#   Go (Debian's)      go build, go vet, go test (health, GraphQL executor, gRPC)
#   OpenAPI            openapi-spec-validator
#   GraphQL            graphql-js buildSchema
#   .proto             protoc (the contracts, and each project's copy of them)
#   AsyncAPI           @asyncapi/parser
#   SQL                PostgreSQL and MariaDB servers started here, SQLite in memory
#   MongoDB validators JSON Schema draft 4 + BSON type names
#   docker-compose     check-jsonschema with the compose-spec schema
#   Kubernetes         kubernetes-validate
#   CI workflows       check-jsonschema's github-workflows schema
#
# then the gRPC chain of tests/fixtures/export/grpc.ron in each language and mixed (see
# grpc_chain), and the end-to-end run: the Rust services of the shop example (gateway → orders →
# payments) start on loopback with the wiring variables, the entry endpoint is called, and
# their logs must show the request (by its id) reaching each of them.
#
# Downloads are cached under $HOME/.cache (pip, npm, cargo, go), and all generated Rust
# services share one target folder there. Fails loudly on the first rejected artifact.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
HERE=$ROOT/scripts/conformance-export
CACHE=$HOME/.cache/archcanvas-export
mkdir -p "$CACHE"
WORK=$(mktemp -d)
chmod 755 "$WORK" # the PostgreSQL server runs as its own user and needs to reach its folder
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
started=$(date +%s)
step() { echo "-- $* ($(( $(date +%s) - started )) s)"; }
fail() { echo "FAIL $*" >&2; exit 1; }
# Waits (up to 30 s each) until the services on PORT... answer /readyz.
wait_ready() {
  local port
  for port; do
    for _ in $(seq 300); do
      curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
      sleep 0.1
    done
  done
}

# ---------------------------------------------------------------------------- tools
step "installing tools"
need=()
for pkg in golang-go protobuf-compiler mariadb-server postgresql; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [[ ${#need[@]} -gt 0 ]]; then
  [[ $(id -u) -eq 0 ]] || fail "please install: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [[ ! -x $CACHE/venv/bin/python ]]; then
  python3 -m venv "$CACHE/venv"
fi
PY=$CACHE/venv/bin/python
"$PY" -m pip install -q --disable-pip-version-check \
  'fastapi>=0.110,<1' 'graphql-core>=3.2,<3.3' 'httpx>=0.27,<1' 'pydantic>=2.6,<3' 'pytest>=8,<9' \
  'uvicorn>=0.29,<1' 'grpcio>=1.62,<2' 'grpcio-tools>=1.62,<2' \
  pyyaml check-jsonschema kubernetes-validate openapi-spec-validator
NODE_DIR=$CACHE/npm
mkdir -p "$NODE_DIR"
cat > "$NODE_DIR/package.json.new" <<'JSON'
{
  "private": true,
  "dependencies": {
    "@grpc/grpc-js": "^1.12.0",
    "@grpc/proto-loader": "^0.8.0",
    "fastify": "^5.2.0"
  },
  "devDependencies": {
    "@asyncapi/parser": "^3.4.0",
    "@types/node": "^20.17.0",
    "graphql": "^16.9.0",
    "typescript": "~5.7.0"
  }
}
JSON
if ! cmp -s "$NODE_DIR/package.json.new" "$NODE_DIR/package.json" || [[ ! -d $NODE_DIR/node_modules ]]; then
  mv "$NODE_DIR/package.json.new" "$NODE_DIR/package.json"
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
rm -f "$NODE_DIR/package.json.new"
export NODE_MODULES_DIR=$NODE_DIR/node_modules
TSC=$NODE_MODULES_DIR/.bin/tsc
export GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local
SCHEMAS=""
for candidate in "$ROOT/../shared/fixtures/real/schemas" /work/shared/fixtures/real/schemas; do
  [[ -f $candidate/compose-spec.json ]] && SCHEMAS=$candidate && break
done
[[ -n $SCHEMAS ]] || fail "compose-spec.json not found in ../shared/fixtures/real/schemas"

# ---------------------------------------------------------------------------- export
step "building archcanvas"
cargo build --quiet --no-default-features --bin archcanvas
AC=${CARGO_TARGET_DIR:-$ROOT/target}/debug/archcanvas
models=(examples/*.ron tests/fixtures/export/*.ron)
for model in "${models[@]}"; do
  name=$(basename "$model" .ron)
  # The examples check clean and export as they are. The test fixtures break rules on
  # purpose (hostile names collide, a public zone reaches a database): the export refuses
  # them, and --force exports them anyway so their escaping is checked.
  force=()
  if [[ $model == tests/fixtures/* ]] && ! "$AC" check "$model" >/dev/null 2>&1; then
    if "$AC" export "$model" --out "$WORK/refused-$name" >/dev/null 2>&1; then
      fail "export of $model went ahead despite its error-level findings"
    fi
    force=(--force)
  fi
  for lang in rust typescript python go; do
    "$AC" export "$model" --out "$WORK/$name/$lang" --lang "$lang" "${force[@]}" > "$WORK/$name-$lang.log" 2>&1 \
      || { cat "$WORK/$name-$lang.log"; fail "export of $model in $lang"; }
  done
  # Exporting again changes nothing: every file is reported unchanged.
  again=$("$AC" export "$model" --out "$WORK/$name/rust" --lang rust "${force[@]}" 2>/dev/null | tail -n1)
  [[ $again == *" 0 written, "*" 0 skipped"* ]] || fail "re-export of $model rewrote files: $again"
  echo "ok   export   $model (4 languages, re-export unchanged)"
done

# ---------------------------------------------------------------------------- contracts and infrastructure
start_postgres() {
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  PGDATA=$WORK/pg
  mkdir -p "$PGDATA" && chown postgres "$PGDATA" 2>/dev/null || true
  runas=(); [[ $(id -u) -eq 0 ]] && runas=(runuser -u postgres --)
  "${runas[@]}" "$PGBIN/initdb" -D "$PGDATA/data" -A trust -U postgres >/dev/null
  "${runas[@]}" "$PGBIN/postgres" -D "$PGDATA/data" -k "$PGDATA" -p 55432 -c listen_addresses='' \
    > "$WORK/postgres.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 50); do
    "$PGBIN/pg_isready" -h "$PGDATA" -p 55432 -q && return 0
    sleep 0.2
  done
  cat "$WORK/postgres.log"; fail "PostgreSQL did not start"
}
start_mariadb() {
  MDATA=$WORK/maria
  mkdir -p "$MDATA"
  user=$(id -un)
  mariadb-install-db --user="$user" --datadir="$MDATA/data" --auth-root-authentication-method=normal \
    > "$WORK/mariadb-install.log" 2>&1 || { cat "$WORK/mariadb-install.log"; fail "mariadb-install-db"; }
  mariadbd --user="$user" --datadir="$MDATA/data" --socket="$MDATA/sock" --skip-networking \
    --pid-file="$MDATA/pid" --log-error="$WORK/mariadb.log" &
  PIDS+=($!)
  for _ in $(seq 100); do
    mariadb-admin --socket="$MDATA/sock" -uroot ping >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  cat "$WORK/mariadb.log"; fail "MariaDB did not start"
}
step "starting PostgreSQL and MariaDB"
start_postgres
start_mariadb

for model in "${models[@]}"; do
  name=$(basename "$model" .ron)
  out=$WORK/$name/rust
  step "$model: contracts and infrastructure"
  shopt -s nullglob
  for f in "$out"/api/*.openapi.yaml; do
    "$CACHE/venv/bin/openapi-spec-validator" "$f" >/dev/null || fail "openapi-spec-validator rejected $f"
    echo "ok   openapi  $f"
  done
  graphql=("$out"/api/*.graphql)
  [[ ${#graphql[@]} -eq 0 ]] || node "$HERE/check.mjs" graphql "${graphql[@]}"
  for f in "$out"/api/*.proto; do
    protoc --proto_path="$out/api" --descriptor_set_out=/dev/null "$f" || fail "protoc rejected $f"
    echo "ok   protoc   $f"
  done
  for f in "$out"/services/*/proto/*.proto; do
    protoc --proto_path="$(dirname "$f")" --descriptor_set_out=/dev/null "$f" || fail "protoc rejected $f"
    echo "ok   protoc   $f"
  done
  asyncapi=("$out"/asyncapi/*.yaml)
  [[ ${#asyncapi[@]} -eq 0 ]] || node "$HERE/check.mjs" asyncapi "${asyncapi[@]}"
  for f in "$out"/sql/*.sql; do
    # Models share database ids (payments-db): number the test databases to keep them apart.
    DBN=$((${DBN:-0} + 1))
    db="t${DBN}_$(basename "$f" .sql | tr -c 'a-z0-9\n' '_')"
    case $(head -n2 "$f" | tail -n1) in
      *"(PostgreSQL)")
        "$PGBIN/createdb" -h "$PGDATA" -p 55432 -U postgres "$db"
        "$PGBIN/psql" -h "$PGDATA" -p 55432 -U postgres -d "$db" -v ON_ERROR_STOP=1 -q -f "$f" \
          || fail "PostgreSQL rejected $f"
        echo "ok   postgres $f" ;;
      *"(MySQL)"|*"(MariaDB)")
        mariadb --socket="$MDATA/sock" -uroot -e "CREATE DATABASE \`$db\`"
        mariadb --socket="$MDATA/sock" -uroot "$db" < "$f" || fail "MariaDB rejected $f"
        echo "ok   mariadb  $f" ;;
      *"(SQLite)")
        "$PY" "$HERE/sqlite.py" "$f" ;;
      *) fail "unknown SQL dialect in $f" ;;
    esac
  done
  mongo=("$out"/sql/*.mongodb.json)
  [[ ${#mongo[@]} -eq 0 ]] || "$PY" "$HERE/mongo.py" "${mongo[@]}"
  "$CACHE/venv/bin/check-jsonschema" -q --schemafile "$SCHEMAS/compose-spec.json" "$out/docker-compose.yml" \
    || fail "compose-spec rejected $out/docker-compose.yml"
  echo "ok   compose  $out/docker-compose.yml"
  k8s=("$out"/k8s/*.yaml)
  if [[ ${#k8s[@]} -gt 0 ]]; then
    "$CACHE/venv/bin/kubernetes-validate" --quiet --strict "${k8s[@]}" || fail "kubernetes-validate rejected $out/k8s"
    echo "ok   k8s      ${#k8s[@]} files"
  fi
  for lang in rust typescript python go; do
    workflows=("$WORK/$name/$lang"/.github/workflows/*.yml)
    [[ ${#workflows[@]} -eq 0 ]] && continue
    "$CACHE/venv/bin/check-jsonschema" -q --builtin-schema vendor.github-workflows "${workflows[@]}" \
      || fail "github-workflows schema rejected $WORK/$name/$lang/.github/workflows"
  done
  echo "ok   workflows"
  shopt -u nullglob
done

# ---------------------------------------------------------------------------- services
export CARGO_PROFILE_DEV_DEBUG=0
RUST_TARGET=$CACHE/rust-target
for model in "${models[@]}"; do
  name=$(basename "$model" .ron)
  step "$model: services"
  shopt -s nullglob
  dirs=("$WORK/$name/rust"/services/*/)
  if [[ ${#dirs[@]} -gt 0 ]]; then
    printf '[workspace]\nresolver = "3"\nmembers = ["services/*"]\n' > "$WORK/$name/rust/Cargo.toml"
    if ! (cd "$WORK/$name/rust" && CARGO_TARGET_DIR=$RUST_TARGET cargo check --quiet --workspace \
      --all-targets --message-format short) > "$WORK/$name-cargo.log" 2>&1; then
      cat "$WORK/$name-cargo.log"; fail "cargo check rejected the Rust services of $model"
    fi
    if grep -q "warning" "$WORK/$name-cargo.log"; then
      cat "$WORK/$name-cargo.log"; fail "cargo check warned about the Rust services of $model"
    fi
    echo "ok   rust     ${#dirs[@]} services"
    # Services that serve a GraphQL API run their tests: a query posted to /graphql.
    gql=()
    for d in "${dirs[@]}"; do
      [[ -f $d/src/graphql.rs ]] && gql+=(-p "$(basename "$d")-service")
    done
    if [[ ${#gql[@]} -gt 0 ]]; then
      (cd "$WORK/$name/rust" && CARGO_TARGET_DIR=$RUST_TARGET cargo test --quiet "${gql[@]}" --test graphql \
        > "$WORK/$name-cargo-test.log" 2>&1) \
        || { cat "$WORK/$name-cargo-test.log"; fail "a GraphQL test of the Rust services of $model failed"; }
      grep -q "test result: ok. [1-9]" "$WORK/$name-cargo-test.log" \
        || { cat "$WORK/$name-cargo-test.log"; fail "no GraphQL test ran ($model)"; }
      echo "ok   rust     $(( ${#gql[@]} / 2 )) GraphQL services pass cargo test"
    fi
    # The gRPC services' tests: a tonic client calls one RPC on a server started in-process.
    grpc_pkgs=()
    for d in "${dirs[@]}"; do
      [[ -f $d/tests/grpc.rs ]] && grpc_pkgs+=(-p "$(basename "$d")-service")
    done
    if [[ ${#grpc_pkgs[@]} -gt 0 ]]; then
      grpc_started=$(date +%s)
      (cd "$WORK/$name/rust" && CARGO_TARGET_DIR=$RUST_TARGET cargo test --quiet "${grpc_pkgs[@]}" --test grpc \
        > "$WORK/$name-grpc.log" 2>&1) || { cat "$WORK/$name-grpc.log"; fail "a Rust gRPC test failed ($model)"; }
      echo "ok   rust     gRPC: $(grep -c '^test result: ok. 1 passed' "$WORK/$name-grpc.log") services answered an RPC ($(( $(date +%s) - grpc_started )) s)"
    fi
  fi
  ts=("$WORK/$name/typescript"/services/*/)
  if [[ ${#ts[@]} -gt 0 ]]; then
    # One compilation for all the projects of the model (each keeps its own module graph).
    ln -sfn "$NODE_MODULES_DIR" "$WORK/$name/typescript/node_modules"
    cat > "$WORK/$name/typescript/tsconfig.json" <<'JSON'
{ "extends": "./services/TEMPLATE/tsconfig.json", "include": ["services/*/src", "services/*/test"],
  "compilerOptions": { "rootDir": ".", "outDir": "dist" } }
JSON
    first=$(basename "${ts[0]}")
    sed -i "s|TEMPLATE|$first|" "$WORK/$name/typescript/tsconfig.json"
    (cd "$WORK/$name/typescript" && "$TSC" --noEmit --strict -p . && "$TSC" -p .) \
      || fail "tsc --strict rejected the TypeScript services of $model"
    # gRPC servers load proto/ next to their compiled sources, as in the project itself.
    for d in "$WORK/$name/typescript"/services/*/proto; do
      rel=${d#"$WORK/$name/typescript/"}
      mkdir -p "$WORK/$name/typescript/dist/$rel" && cp "$d"/*.proto "$WORK/$name/typescript/dist/$rel/"
    done
    (cd "$WORK/$name/typescript" && node --test dist/services/*/test/ > "$WORK/node-test.log" 2>&1) \
      || { cat "$WORK/node-test.log"; fail "a TypeScript health test failed ($model)"; }
    echo "ok   tsc      ${#ts[@]} services compile with --strict; $(grep -E '^# pass' "$WORK/node-test.log")"
  fi
  for d in "$WORK/$name/python"/services/*/; do
    id=$(basename "$d")
    (cd "$d" && "$PY" -m py_compile app/*.py tests/*.py \
      && "$PY" "$HERE/python_app.py" "../../api/$id.openapi.yaml" \
      && "$PY" -m pytest -q -p no:cacheprovider >"$WORK/pytest.log" 2>&1) \
      || { cat "$WORK/pytest.log" 2>/dev/null; fail "Python rejected $d"; }
  done
  for d in "$WORK/$name/go"/services/*/; do
    (cd "$d" && go build ./... && go vet ./... && go test ./... >"$WORK/go-test.log" 2>&1) \
      || { cat "$WORK/go-test.log" 2>/dev/null; fail "Go rejected $d"; }
    echo "ok   go       $d"
  done
  shopt -u nullglob
done

# ---------------------------------------------------------------------------- gRPC chain
# The fixture grpc.ron end to end: edge (a gRPC gateway) forwards GetBook to catalog, which
# forwards it to stock, and Restock through the port-less stock-rpc API to stock. For each
# language in GRPC_CHAIN_LANGS (every project in that language), then for the model's own
# languages (edge Rust, catalog Python, stock Go: cleartext and TLS hops), the three start
# with their .env.example wiring, a caller outside calls edge over gRPC, and each log must
# show the request id.
GRPC_CHAIN_LANGS=(go python rust typescript)
# Runs service ID of folder DIR, generated in LANG, in the foreground.
start_service() {
  local lang=$1 dir=$2 id=$3
  case $lang in
    rust) exec "$RUST_TARGET/debug/$id-service" ;;
    typescript) cd "$dir/../.." && exec node "dist/services/$id/src/main.js" ;;
    python) cd "$dir" && exec "$PY" -m app.main ;;
    go) exec "$WORK/grpc-bin/$4/$id" ;;
  esac
}
# Builds what start_service runs for the projects of OUT in LANG.
build_services() {
  local lang=$1 out=$2 name=$3 id members=()
  case $lang in
    rust)
      for id in stock catalog edge; do
        [[ -f $out/services/$id/Cargo.toml ]] && members+=("\"services/$id\"")
      done
      printf '[workspace]\nresolver = "3"\nmembers = [%s]\n' "$(IFS=,; echo "${members[*]}")" > "$out/Cargo.toml"
      (cd "$out" && CARGO_TARGET_DIR=$RUST_TARGET cargo build --quiet --workspace) > "$WORK/grpc-build.log" 2>&1 \
        || { cat "$WORK/grpc-build.log"; fail "cargo build of $out"; } ;;
    go)
      for id in stock catalog edge; do
        [[ -f $out/services/$id/go.mod ]] || continue # the Go projects only (mixed run)
        (cd "$out/services/$id" && go build -o "$WORK/grpc-bin/$name/$id" ./cmd/service) \
          || fail "go build of $out/services/$id"
      done ;;
  esac
}
# grpc_chain NAME OUT LANG_OF_EDGE LANG_OF_CATALOG LANG_OF_STOCK
grpc_chain() {
  local name=$1 out=$2 id lang pids=()
  declare -A langs=([edge]=$3 [catalog]=$4 [stock]=$5)
  step "gRPC chain ($name): edge → catalog → stock, edge → stock-rpc (stock)"
  for lang in $(printf '%s\n' "$3" "$4" "$5" | sort -u); do build_services "$lang" "$out" "$name"; done
  for id in stock catalog edge; do
    (
      set -a
      # shellcheck disable=SC1090
      . "$out/services/$id/.env.example"
      set +a
      export API_KEYS=conformance-key LOG_LEVEL=info
      start_service "${langs[$id]}" "$out/services/$id" "$id" "$name"
    ) > "$WORK/grpc-$name-$id.log" 2>&1 &
    pids+=($!)
    PIDS+=($!)
  done
  wait_ready 9502 9501 9500
  local tls=()
  [[ ${langs[edge]} == go ]] && tls=(--tls)
  local rid=grpc-$name-$RANDOM$RANDOM call=("$PY" "$HERE/grpc_call.py" "$out/api/edge.proto" edge.v1.EdgeGateway)
  "${call[@]}" GetBook '{"id":"b-1"}' 127.0.0.1:19500 "${tls[@]}" \
    --metadata x-api-key=conformance-key --metadata "x-request-id=$rid" > "$WORK/grpc-answer.json" \
    || { tail -n 20 "$WORK"/grpc-"$name"-*.log; fail "GetBook through edge ($name)"; }
  echo "GetBook → $(cat "$WORK/grpc-answer.json")"
  for id in edge catalog stock; do
    line=$(grep "$rid" "$WORK/grpc-$name-$id.log" | grep 'request received' | head -n1 || true)
    [[ -n $line ]] || { cat "$WORK/grpc-$name-$id.log"; fail "GetBook never reached $id over gRPC ($name)"; }
    echo "ok   reached  $id: $line"
  done
  "${call[@]}" Restock '{"book_id":"b-1","copies":2}' 127.0.0.1:19500 "${tls[@]}" \
    --metadata x-api-key=conformance-key --metadata "x-request-id=$rid-restock" > /dev/null \
    || { tail -n 20 "$WORK"/grpc-"$name"-*.log; fail "Restock through edge ($name)"; }
  grep "$rid-restock" "$WORK/grpc-$name-stock.log" | grep -q 'request received' \
    || { cat "$WORK/grpc-$name-stock.log"; fail "Restock never reached stock through stock-rpc ($name)"; }
  echo "ok   reached  stock through stock-rpc: Restock"
  local code=0
  "${call[@]}" GetBook '{"id":"b-1"}' 127.0.0.1:19500 "${tls[@]}" > /dev/null 2>&1 || code=$?
  [[ $code == 16 ]] || fail "GetBook without an API key ended with status $code, not UNAUTHENTICATED ($name)"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "ok   grpc     $name: GetBook went edge → catalog → stock, Restock edge → stock"
}
for lang in "${GRPC_CHAIN_LANGS[@]}"; do
  grpc_chain "$lang" "$WORK/grpc/$lang" "$lang" "$lang" "$lang"
done
if [[ ${#GRPC_CHAIN_LANGS[@]} -eq 4 ]]; then
  "$AC" export tests/fixtures/export/grpc.ron --out "$WORK/grpc/mixed" > /dev/null || fail "export of grpc.ron"
  grpc_chain mixed "$WORK/grpc/mixed" rust python go
fi

# ---------------------------------------------------------------------------- end to end
step "end to end: web → gateway → orders → payments (shop, Rust)"
E2E=$WORK/shop/rust
(cd "$E2E" && CARGO_TARGET_DIR=$RUST_TARGET cargo test --quiet --workspace > "$WORK/cargo-test.log" 2>&1) \
  || { cat "$WORK/cargo-test.log"; fail "the generated Rust services' tests failed"; }
grep "test result" "$WORK/cargo-test.log" | grep -v " 0 passed" || fail "no health test ran"
BIN=$RUST_TARGET/debug
export JWT_SECRET=conformance-secret LOG_LEVEL=info
for svc in payments orders gateway; do
  # The wiring of a local run, as the export writes it, with ports moved out of the way.
  (
    set -a
    # shellcheck disable=SC1090
    . "$E2E/services/$svc/.env.example"
    set +a
    export PORT=$((PORT + 20000)) ORDERS_URL=http://127.0.0.1:28082 PAYMENTS_URL=http://127.0.0.1:28083 \
      CATALOG_URL=http://127.0.0.1:28081 USERS_URL=http://127.0.0.1:28084
    exec "$BIN/$svc-service"
  ) > "$WORK/$svc.log" 2>&1 &
  PIDS+=($!)
done
wait_ready 28083 28082 28080
TOKEN=$("$PY" - <<'PYTHON'
import base64, hashlib, hmac, json, time
b = lambda d: base64.urlsafe_b64encode(d).rstrip(b"=").decode()
h = b(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
p = b(json.dumps({"sub": "conformance", "exp": int(time.time()) + 300}).encode())
s = b(hmac.new(b"conformance-secret", f"{h}.{p}".encode(), hashlib.sha256).digest())
print(f"{h}.{p}.{s}")
PYTHON
)
REQUEST_ID=e2e-$RANDOM$RANDOM
status=$(curl -sS -o "$WORK/answer.json" -w '%{http_code}' -X POST http://127.0.0.1:28080/orders \
  -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -H "x-request-id: $REQUEST_ID" \
  -d '{"items":[{"product_id":"p-1","quantity":2}],"shipping_address":{"name":"A","street":"B","city":"C","postal_code":"1","country":"DE"}}')
echo "POST /orders → $status $(cat "$WORK/answer.json")"
[[ $status == 201 ]] || { tail -n 20 "$WORK"/*.log; fail "the entry endpoint answered $status"; }
unauthorized=$(curl -sS -o /dev/null -w '%{http_code}' -X POST http://127.0.0.1:28080/orders -H 'content-type: application/json' -d '{}')
[[ $unauthorized == 401 ]] || fail "POST /orders without a token answered $unauthorized, not 401"
for svc in gateway orders payments; do
  line=$(grep "\"request_id\":\"$REQUEST_ID\"" "$WORK/$svc.log" | grep '"request received"' | head -n1 || true)
  [[ -n $line ]] || { cat "$WORK/$svc.log"; fail "the request never reached $svc"; }
  echo "ok   reached  $svc: $line"
done
echo "export conformance: every artifact accepted; the request went gateway → orders → payments ($(( $(date +%s) - started )) s)"
