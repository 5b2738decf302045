#!/usr/bin/env bash
# `npm run bench:gpu [-- FLAGS]`: the engine's bench through Dawn in Node on this machine's
# Vulkan GPU (no browser), writing bench-results/bench-gpu.json. With no flags it runs dense,
# composed flash and the fused kernel over n = 1024…8192, d = 64; flags replace those.
# It finds the NVIDIA Vulkan driver itself; without a GPU driver it says so and runs on
# SwiftShader (a CPU), whose figures are not a GPU's.
set -euo pipefail
cd "$(dirname "$0")/.."

find_nvidia_icd() {
  local json lib egl
  for json in /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
    [[ -f $json ]] || continue
    lib=$(sed -n 's/.*"library_path" *: *"\([^"]*\)".*/\1/p' "$json")
    # Shipped jsons may name libGLX_nvidia, which fails headless ("Could not get
    # vkCreateInstance"); the EGL library of the same driver works.
    if [[ $lib != *GLX* ]]; then echo "$json"; return; fi
    for egl in /usr/local/nvidia/lib64/libEGL_nvidia.so.0 /usr/lib/x86_64-linux-gnu/libEGL_nvidia.so.0 \
      $(ldconfig -p 2>/dev/null | awk '/libEGL_nvidia\.so\.0/{print $NF}'); do
      [[ -f $egl ]] || continue
      local fixed=/tmp/attention-explorer-nvidia-icd.json
      sed "s#\"library_path\" *: *\"[^\"]*\"#\"library_path\": \"$egl\"#" "$json" > "$fixed"
      echo "$fixed"
      return
    done
  done
}

if [[ -z ${VK_ICD_FILENAMES:-} ]]; then
  icd=$(find_nvidia_icd || true)
  if [[ -n $icd ]]; then
    export VK_ICD_FILENAMES=$icd
    echo "bench:gpu: Vulkan driver $icd" >&2
  elif [[ -f /usr/lib/chromium/vk_swiftshader_icd.json ]]; then
    export VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json
    export LD_LIBRARY_PATH=/usr/lib/chromium${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    echo "bench:gpu: no GPU Vulkan driver found; running on SwiftShader (a CPU): not a GPU's figures" >&2
  fi
fi

if [[ $# -eq 0 ]]; then
  set -- --variants dense,flash,fused --n 1024,2048,4096,8192 --repeats 5 --output bench-results/bench-gpu.json
fi
exec npx tsx src/cli/main.ts bench --backend webgpu "$@"
