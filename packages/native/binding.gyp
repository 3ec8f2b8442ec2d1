{
  "targets": [
    {
      "target_name": "lstmkit_native",
      "sources": ["csrc/addon.cc", "csrc/gemm.cc", "csrc/activations.cc", "csrc/lstm.cc", "csrc/gru.cc", "csrc/rnn.cc"],
      "dependencies": ["<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except"],
      "cflags_cc": ["-O3", "-std=c++17", "-fno-math-errno"],
      "cflags_cc!": ["-O2"],
      "xcode_settings": { "OTHER_CPLUSPLUSFLAGS": ["-O3", "-std=c++17"] },
      "ldflags": ["-pthread"]
    }
  ]
}
