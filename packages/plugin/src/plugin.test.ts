import { describe, expect, it } from 'vitest';
import { choice, optionFields, optionFromText, parseOptions } from './options.js';
import { createRegistry, DuplicatePluginError, PluginNotFoundError } from './registry.js';
import { Type } from '@sinclair/typebox';

describe('createRegistry', () => {
  it('registers, refuses a second plugin under a taken name, replaces on request, unregisters, and names what is registered', () => {
    const r = createRegistry<{ name: string; description: string; n?: number }>('test thing');
    const a = { name: 'a', description: 'first' };
    r.register(a);
    r.register(a); // the same object again: nothing happens
    expect(() => r.register({ name: 'a', description: 'another' })).toThrowError(DuplicatePluginError);
    expect(() => r.register({ name: 'a', description: 'another' })).toThrow('a test thing named "a" is already registered; unregister it first, or register with { replace: true } to replace it');
    r.register({ name: 'a', description: 'replaced' }, { replace: true });
    expect(r.get('a').description).toBe('replaced');
    r.register({ name: 'b', description: 'second' });
    expect(r.list().map((p) => p.name)).toEqual(['a', 'b']);
    expect(() => r.get('c')).toThrowError(PluginNotFoundError);
    expect(() => r.get('c')).toThrow('unknown test thing "c"; registered: a, b');
    expect(r.unregister('a')).toBe(true);
    expect(r.unregister('a')).toBe(false);
    expect(r.has('a')).toBe(false);
  });

  it('is one registry per kind in the process, whichever copy of a package asks, sorted if it sorts', () => {
    const first = createRegistry<{ name: string; description: string; priority: number }>('ranked thing', { order: (x, y) => y.priority - x.priority });
    first.register({ name: 'low', description: '', priority: 1 });
    first.register({ name: 'high', description: '', priority: 9 });
    expect(createRegistry('ranked thing')).toBe(first);
    expect(first.list().map((p) => p.name)).toEqual(['high', 'low']);
  });
});

const schema = Type.Object({
  lookback: Type.Integer({ minimum: 1, default: 12, description: 'input window length' }),
  rate: Type.Number({ minimum: 0, exclusiveMaximum: 1, default: 0, description: 'a fraction' }),
  mode: choice(['concat', 'sum'], { description: 'how to merge', default: 'concat' }),
  units: Type.Union([Type.Integer({ minimum: 1 }), Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1 })], { description: 'sizes', default: 4 }),
  frame: Type.Optional(Type.Tuple([Type.Integer({ minimum: 1 }), Type.Integer({ minimum: 1 })], { description: 'height x width' })),
  embedding: Type.Optional(Type.Object({ dim: Type.Integer({ minimum: 1, description: 'vector size' }), vocabulary: Type.Optional(Type.Integer({ minimum: 1, description: 'ids', fromData: 'vocabulary' })) })),
  scale: Type.Boolean({ default: true, description: 'scale to [0, 1]', group: 'preparation' }),
});
const fail = (key: string, problem: string) => new Error(`option "${key}": ${problem}`);

describe('parseOptions', () => {
  it('fills in defaults and keeps what was given', () => {
    expect(parseOptions(schema, { lookback: 6, embedding: { dim: 3 } }, fail)).toEqual({ lookback: 6, rate: 0, mode: 'concat', units: 4, scale: true, embedding: { dim: 3 } });
    expect(parseOptions(schema, undefined, fail).lookback).toBe(12);
  });

  it('refuses unknown keys with the known ones, and wrong values in words', () => {
    expect(() => parseOptions(schema, { lookBack: 6 }, fail)).toThrow('option "lookBack": unknown option; known options: lookback, rate, mode, units, frame, embedding, scale');
    expect(() => parseOptions(schema, { embedding: { dims: 3 } }, fail)).toThrow('option "embedding.dims": unknown option; known options: dim, vocabulary');
    expect(() => parseOptions(schema, { lookback: 0 }, fail)).toThrow('option "lookback": expected an integer >= 1, got 0');
    expect(() => parseOptions(schema, { rate: 1 }, fail)).toThrow('option "rate": expected a number in [0, 1), got 1');
    expect(() => parseOptions(schema, { mode: 'max' }, fail)).toThrow('option "mode": expected one of "concat", "sum", got "max"');
    expect(() => parseOptions(schema, { units: [4, 0] }, fail)).toThrow('option "units": expected an integer >= 1, or a list of integers >= 1, got [4,0]');
    expect(() => parseOptions(schema, { embedding: {} }, fail)).toThrow('option "embedding.dim": required: vector size');
    expect(() => parseOptions(schema, { frame: [8] }, fail)).toThrow('option "frame": expected [an integer >= 1, an integer >= 1], got [8]');
  });

  it('reads flags given as text by the option type, and lists the options flattened for CLIs and forms', () => {
    const fields = Object.fromEntries(optionFields(schema).map((f) => [f.key, f]));
    expect(Object.keys(fields)).toEqual(['lookback', 'rate', 'mode', 'units', 'frame', 'embedding.dim', 'embedding.vocabulary', 'scale']);
    expect(fields.mode).toMatchObject({ choices: ['concat', 'sum'], default: 'concat', expected: 'one of "concat", "sum"' });
    expect(fields.scale).toMatchObject({ flag: true, group: 'preparation' });
    expect(fields['embedding.vocabulary']!.fromData).toBe('vocabulary');
    expect(optionFromText(fields.lookback!.schema, '6')).toBe(6);
    expect(optionFromText(fields.units!.schema, '128,64')).toEqual([128, 64]);
    expect(optionFromText(fields.units!.schema, '128')).toBe(128);
    expect(optionFromText(fields.frame!.schema, '8x8')).toEqual([8, 8]);
    expect(optionFromText(fields.scale!.schema, 'false')).toBe(false);
    expect(optionFromText(fields.lookback!.schema, 'six')).toBe('six');
    const masking = Type.Union([Type.Boolean(), Type.Number()]);
    expect([optionFromText(masking, ''), optionFromText(masking, '-1')]).toEqual([true, -1]);
    // The schema is JSON: a web page can build its form from it.
    expect(JSON.parse(JSON.stringify(schema)).properties.lookback).toEqual({ type: 'integer', minimum: 1, default: 12, description: 'input window length' });
  });
});
