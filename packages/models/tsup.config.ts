import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  // Declarations come from tsc (tsconfig.build.json): tfjs-core and tfjs-layers merged into one namespace are
  // beyond tsup's declaration bundler, which has to guess which of the two packages exports each name.
  dts: false,
  clean: true,
  target: 'node20',
  // tfjs-core's gradient and chained-op registrations exist only as ES modules in a CommonJS package (Node cannot
  // load them), so they are bundled in, as @tensorflow/tfjs does in its Node bundle (see src/tfjs.ts).
  noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
});
