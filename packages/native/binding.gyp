# node-addon-api's headers by path rather than its gyp target ("node_addon_api_except"): gyp writes the makefiles of
# a dependency's .gyp file at build/<its path relative to this folder>, which for this scoped package installed by
# npm (node_modules/@lstmkit/native -> ../../node-addon-api) is node_modules/@lstmkit/node-addon-api/, an extraneous
# folder in the user's tree. The defines and flags below are the ones that target's except.gypi sets.
{
  "targets": [
    {
      "target_name": "lstmkit_native",
      "sources": ["csrc/addon.cc", "csrc/gemm.cc", "csrc/activations.cc", "csrc/lstm.cc", "csrc/gru.cc", "csrc/rnn.cc", "csrc/thread-pool.cc", "csrc/adam.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_CPP_EXCEPTIONS"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-O2"],
      "cflags_cc": ["-O3", "-std=c++17", "-fno-math-errno"],
      "xcode_settings": { "GCC_ENABLE_CPP_EXCEPTIONS": "YES", "CLANG_CXX_LIBRARY": "libc++", "OTHER_CPLUSPLUSFLAGS": ["-O3", "-std=c++17"] },
      "msvs_settings": { "VCCLCompilerTool": { "ExceptionHandling": 1 } },
      "ldflags": ["-pthread"]
    }
  ]
}
