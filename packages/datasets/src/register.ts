// Registers the browser-safe built-in dataset (the main entry's side effect at import; package.json's
// `sideEffects` lists it). A third-party dataset is one file like plugins/echo.ts and one registerDataset call.
import { echo } from './plugins/echo.js';
import { registerDataset } from './registry.js';

registerDataset(echo);
