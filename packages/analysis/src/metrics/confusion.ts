/** counts[actual][predicted] for class ids in 0..classes-1; an id outside that range is an error naming it. */
export function confusionMatrix(actual: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  if (actual.length !== predicted.length) throw new RangeError(`confusionMatrix: ${actual.length} actual vs ${predicted.length} predicted labels`);
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const p = predicted[i]!;
    if (!(a >= 0 && a < classes && p >= 0 && p < classes)) throw new RangeError(`confusionMatrix: label pair (${a}, ${p}) at ${i} is outside 0..${classes - 1}`);
    m[a]![p]! += 1;
  }
  return m;
}

/** Accuracy of each class (recall): the diagonal over the row sums; NaN for a class with no samples. */
export const perClassAccuracy = (m: readonly (readonly number[])[]): number[] => m.map((row, i) => row[i]! / row.reduce((a, b) => a + b, 0));
