// Registers the built-in model families (this package's side effect at import; package.json's `sideEffects`
// lists the bundle that holds it). A third-party family is one file like these and one registerModelFamily call.
import { bidirectional } from './families/bidirectional.js';
import { cnnLstm } from './families/cnn-lstm.js';
import { encoderDecoder } from './families/encoder-decoder.js';
import { generative } from './families/generative.js';
import { gru } from './families/gru.js';
import { rnn } from './families/rnn.js';
import { stacked } from './families/stacked.js';
import { vanilla } from './families/vanilla.js';
import { registerModelFamily } from './registry.js';

registerModelFamily(vanilla);
registerModelFamily(stacked);
registerModelFamily(bidirectional);
registerModelFamily(rnn);
registerModelFamily(gru);
registerModelFamily(cnnLstm);
registerModelFamily(encoderDecoder);
registerModelFamily(generative);
