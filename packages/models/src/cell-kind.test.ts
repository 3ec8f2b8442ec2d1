import { describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import { cellKind } from './cell-kind.js';
import { FusedSimpleRNN } from './fused/simple-rnn-layer.js';
import { recurrentClassifier } from './layers.js';

const spec = { family: 'rnn', inputShape: [5, 3] as const, units: 4, head: { task: 'multiclass' as const, outputs: 2 }, seed: 1, options: {} };

describe('cell kinds', () => {
  it('have one spelling, "rnn" for SimpleRNN; the deprecated "simpleRNN" still builds the same model', () => {
    expect(cellKind('simpleRNN')).toBe('rnn');
    expect(cellKind('gru')).toBe('gru');
    const layersOf = (kind: 'rnn' | 'simpleRNN') => recurrentClassifier(kind, 'rnn', spec).layers.map((l) => [l.name, l.getClassName()]);
    expect(layersOf('simpleRNN')).toEqual(layersOf('rnn'));
    expect(recurrentClassifier('rnn', 'rnn', spec).layers[0]).toBeInstanceOf(FusedSimpleRNN);
  });
});
