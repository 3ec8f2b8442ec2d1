import { SingleBar } from 'cli-progress';
import type { LoadProgress } from '@lstmkit/datasets';
import type { Callback } from '@lstmkit/trainer';
import { seconds } from './parse.js';

const pct = (v: number | undefined) => (v === undefined ? '-' : `${(v * 100).toFixed(2)}%`);

/**
 * Training progress on stderr (stdout stays clean for --json): a live bar with loss, accuracy, samples/s and ETA
 * on a terminal, one line per epoch otherwise (CI logs, pipes).
 */
export function progressCallback(stream: NodeJS.WriteStream = process.stderr): Callback {
  const tty = Boolean(stream.isTTY);
  let bar: SingleBar | undefined;
  let batches = 0;
  let lastRate = 0;
  let lastEta = 0;
  let lastLine = Date.now();
  return {
    onTrainBegin(_ctx, info) {
      batches = info.batches;
      if (tty) {
        bar = new SingleBar({
          stream,
          format: 'epoch {epoch} |{bar}| {percentage}% | loss {loss} acc {acc} | {rate} samples/s | ETA {eta}',
          barsize: 24,
          hideCursor: true,
        });
        // A resumed run (--backup) starts its bar at the epochs already done.
        bar.start(info.epochs * info.batches, info.initialEpoch * info.batches, { epoch: `${info.initialEpoch + 1}/${info.epochs}`, loss: '-', acc: '-', rate: '-', eta: '-' });
      }
    },
    onBatchEnd(p) {
      lastRate = p.samplesPerSecond;
      lastEta = p.etaSeconds;
      // Without a terminal (CI logs, pipes) there is no bar: a line every 30 s keeps long epochs visibly alive.
      if (!tty && Date.now() - lastLine > 30_000) {
        lastLine = Date.now();
        const done = ((100 * (p.batch + 1)) / p.batches).toFixed(0);
        stream.write(`epoch ${p.epoch + 1}/${p.epochs} ${done}%: loss ${p.loss.toFixed(4)}  ${p.samplesPerSecond.toFixed(0)} samples/s  ETA ${seconds(p.etaSeconds)}\n`);
      }
      bar?.update(p.epoch * batches + p.batch + 1, {
        epoch: `${p.epoch + 1}/${p.epochs}`,
        loss: p.loss.toFixed(4),
        acc: pct(p.accuracy),
        rate: p.samplesPerSecond.toFixed(0),
        eta: seconds(p.etaSeconds),
      });
    },
    onEpochEnd(l) {
      if (tty) return;
      lastLine = Date.now();
      const val = l.val_loss === undefined ? '' : `  val_loss ${l.val_loss.toFixed(4)} val_acc ${pct(l.val_accuracy)}`;
      stream.write(`epoch ${l.epoch + 1}: loss ${l.loss.toFixed(4)} acc ${pct(l.accuracy)}${val}  ${l.seconds.toFixed(1)}s  ${lastRate.toFixed(0)} samples/s  ETA ${seconds(lastEta)}\n`);
    },
    onTrainEnd(h) {
      bar?.stop();
      if (h.stoppedEarly) stream.write(`${h.stoppedEarly}\n`);
    },
  };
}

/**
 * Progress of a long forward pass (evaluate, predict) on stderr: a line every 5 s with the share done and the ETA,
 * so minutes of evaluation are never silent.
 */
export function passProgress(label: string, quiet = false, unit = 'samples'): (done: number, total: number) => void {
  const started = Date.now();
  let last = started;
  return (done, total) => {
    const now = Date.now();
    if (quiet || done === total || now - last < 5000) return;
    last = now;
    const rate = done / ((now - started) / 1000);
    process.stderr.write(`${label}: ${((100 * done) / total).toFixed(0)}% (${done}/${total}), ${rate.toFixed(rate < 10 ? 1 : 0)} ${unit}/s, ETA ${seconds((total - done) / rate)}\n`);
  };
}

/**
 * Progress of a computation in stages (features, then t-SNE's neighbours, affinities and iterations) on stderr:
 * a bar per stage with rate and ETA on a terminal, a line every 5 s otherwise. `finish()` returns the seconds
 * each stage took.
 */
export function stagedProgress(quiet = false, stream: NodeJS.WriteStream = process.stderr): { onProgress: (done: number, total: number, stage?: string) => void; finish: () => Record<string, number> } {
  const took: Record<string, number> = {};
  let stage: string | undefined;
  let started = 0;
  let bar: SingleBar | undefined;
  let line: ((done: number, total: number) => void) | undefined;
  const close = () => {
    if (stage !== undefined) took[stage] = (took[stage] ?? 0) + (performance.now() - started) / 1000;
    bar?.stop();
    bar = undefined;
  };
  return {
    onProgress(done, total, name = 'progress') {
      if (name !== stage) {
        close();
        stage = name;
        started = performance.now();
        if (quiet) return;
        if (stream.isTTY) {
          bar = new SingleBar({ stream, format: `${name.padEnd(10)} |{bar}| {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`, barsize: 24, hideCursor: true });
          bar.start(total, 0, { rate: '-' });
        } else line = passProgress(name, quiet, name === 'features' ? 'samples' : 'steps');
      }
      const rate = done / Math.max(1e-3, (performance.now() - started) / 1000);
      bar?.update(done, { rate: rate.toFixed(rate < 10 ? 1 : 0) });
      line?.(done, total);
    },
    finish() {
      close();
      stage = undefined;
      return took;
    },
  };
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/**
 * Loading progress on stderr: downloads as a bar with MB, MB/s and ETA on a terminal (a line every 5 s
 * otherwise); other stages as a line every 5 s.
 */
export function loadProgress(stream: NodeJS.WriteStream = process.stderr): (p: LoadProgress) => void {
  const tty = Boolean(stream.isTTY);
  let bar: SingleBar | undefined;
  let stage = '';
  let started = 0;
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (p.stage !== stage) {
      bar?.stop();
      bar = undefined;
      stage = p.stage;
      started = now;
      last = now;
      if (tty && p.unit === 'bytes' && p.total) {
        bar = new SingleBar({ stream, format: `${p.stage} |{bar}| {percentage}% | {got}/{size} MB | {speed} MB/s | ETA {eta}s`, barsize: 24, hideCursor: true });
        bar.start(p.total, 0, { got: '0.0', size: mb(p.total), speed: '-' });
      }
    }
    const speed = p.done / Math.max(1e-3, (now - started) / 1000);
    if (bar) {
      bar.update(p.done, { got: mb(p.done), speed: mb(speed) });
      if (p.total !== undefined && p.done >= p.total) bar.stop(), (bar = undefined);
      return;
    }
    if (now - last < 5000 || !p.total) return;
    last = now;
    const share = `${((100 * p.done) / p.total).toFixed(0)}%`;
    stream.write(p.unit === 'bytes' ? `${p.stage}: ${share} of ${mb(p.total)} MB, ${mb(speed)} MB/s\n` : `${p.stage}: ${share}\n`);
  };
}
