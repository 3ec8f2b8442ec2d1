import { describe, expect, it } from 'vitest';
import { FAMILY_FIELDS, SHARED_OPTIONS } from '../model-options.js';
import { defaultsOf, fieldsOf, flatten, labelOf, nest, problemOf } from './schema.js';

describe('the model form from JSON Schema', () => {
  const fields = [...fieldsOf(SHARED_OPTIONS), ...fieldsOf(FAMILY_FIELDS)];

  it('flattens nested options into dotted fields with their group, choices and families', () => {
    const conv = fields.find((f) => f.key === 'conv.filters')!;
    expect(conv.group).toBe('family');
    expect(conv.families).toEqual(['cnn-lstm']);
    expect(fields.find((f) => f.key === 'activation')!.choices).toContain('relu');
  });

  it('nests the values of the fields that apply to a family, leaving out unset ones', () => {
    const values = { ...defaultsOf(fields), units: [64, 32], 'conv.filters': 8, mergeMode: 'sum', dropout: undefined };
    expect(nest(values, fields, 'cnn-lstm')).toMatchObject({ units: [64, 32], conv: { filters: 8, kernelSize: 3, poolSize: 2 } });
    expect(nest(values, fields, 'bidirectional')).not.toHaveProperty('conv');
    expect(nest(values, fields, 'bidirectional')).toMatchObject({ mergeMode: 'sum' });
    expect(nest(values, fields, 'vanilla')).not.toHaveProperty('dropout');
  });

  it("puts a family's own options schema under options, and a preset's model back into fields", () => {
    const own = fieldsOf({ type: 'object', properties: { outputSteps: { type: 'integer', minimum: 1, default: 3 } } }, 'options.');
    expect(nest(defaultsOf(own), own, 'encoder-decoder')).toEqual({ options: { outputSteps: 3 } });
    expect(flatten({ units: [128, 128], embedding: { dim: 256 }, options: { mergeMode: 'ave' } })).toEqual({ units: [128, 128], 'embedding.dim': 256, 'options.mergeMode': 'ave' });
  });

  it("labels a family's own options by their name in the options, without the spec's options. prefix", () => {
    expect(labelOf('options.batchNorm')).toBe('batchNorm');
    expect(labelOf('options.embedding.dim')).toBe('embedding.dim');
    expect(labelOf('conv.filters')).toBe('conv.filters');
    expect(labelOf('units')).toBe('units');
  });

  it('says in words why a value does not fit', () => {
    const schema = (key: string) => fields.find((f) => f.key === key)!.schema;
    expect(problemOf([32, 0], schema('units'))).toBe('expected at least 1');
    expect(problemOf(1, schema('dropout'))).toBe('expected less than 1');
    expect(problemOf(2.5, schema('seed'))).toBe('expected a whole number');
    expect(problemOf(0.2, schema('dropout'))).toBeUndefined();
  });
});
