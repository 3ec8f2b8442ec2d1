import { TrainingOptionError } from '../errors.js';
import { tf } from '../tf.js';
import { arrayOf, sameShape, tensorOf, type ArrayState } from './arrays.js';

/**
 * Everything a tfjs optimizer carries from one step to the next: its learning rate, its step count, its scalar
 * variables (Adam's beta powers, Adamax' iteration) and its per-weight slots (moments, accumulators), by field name.
 * Read from the optimizer's fields rather than getWeights(), which tfjs' Adamax does not implement and which for Adam
 * recomputes the beta powers with pow() instead of restoring the running products (a float32 difference in every
 * later step).
 */
export interface OptimizerState {
  readonly className: string;
  readonly learningRate: number;
  readonly iterations: number;
  readonly variables: Readonly<Record<string, ArrayState>>;
  readonly slots: Readonly<Record<string, readonly ArrayState[]>>;
}

type Slot = { originalName: string; variable: tf.Variable };
type Fields = Record<string, unknown> & { learningRate?: number; iterations_?: number; setLearningRate?: (lr: number) => void };

const isSlotList = (v: unknown): v is Slot[] => Array.isArray(v) && v.every((s) => s && typeof s === 'object' && typeof (s as Slot).originalName === 'string' && (s as Slot).variable instanceof tf.Variable);

export async function optimizerState(optimizer: tf.Optimizer): Promise<OptimizerState> {
  const fields = optimizer as unknown as Fields;
  const variables: Record<string, ArrayState> = {};
  const slots: Record<string, ArrayState[]> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof tf.Variable) variables[key] = await arrayOf(value, key);
    else if (isSlotList(value) && value.length) slots[key] = await Promise.all(value.map((s) => arrayOf(s.variable, s.originalName)));
  }
  return { className: optimizer.getClassName(), learningRate: fields.learningRate ?? NaN, iterations: fields.iterations_ ?? 0, variables, slots };
}

/** Puts a saved state back into an optimizer of the same class (the one fit compiled the model with). */
export function restoreOptimizerState(optimizer: tf.Optimizer, state: OptimizerState): void {
  const fields = optimizer as unknown as Fields;
  if (optimizer.getClassName() !== state.className) {
    throw new TrainingOptionError('backup', `was made with the ${state.className} optimizer, this run uses ${optimizer.getClassName()}`);
  }
  for (const [key, a] of Object.entries(state.variables)) {
    const v = fields[key];
    if (!(v instanceof tf.Variable) || !sameShape(v.shape, a.shape)) throw new TrainingOptionError('backup', `optimizer variable ${key} does not fit this optimizer`);
    tf.tidy(() => v.assign(tensorOf(a)));
  }
  for (const [key, list] of Object.entries(state.slots)) {
    const current = fields[key];
    if (!Array.isArray(current)) throw new TrainingOptionError('backup', `optimizer slots ${key} do not fit this optimizer`);
    tf.dispose((current as Slot[]).map((s) => s.variable));
    fields[key] = list.map((a) => {
      const t = tensorOf(a);
      const variable = t.variable(false);
      t.dispose();
      return { originalName: a.name, variable };
    });
  }
  if (Number.isFinite(state.learningRate)) {
    if (fields.setLearningRate) fields.setLearningRate(state.learningRate);
    else fields.learningRate = state.learningRate;
  }
  fields.iterations_ = state.iterations;
}
