import type { ModelSpec } from '@lstmkit/models';
import { useEffect, useState } from 'preact/hooks';
import { call, onEvent } from '../client.js';
import type { BackendRow, DataInfo, Event, TrainResult, TrainSettings } from '../protocol.js';
import { BackendPicker } from './backend-picker.js';
import { Compare } from './compare.js';
import { ConfusionView } from './confusion-view.js';
import { Svg } from './svg.js';

type BatchEvent = Extract<Event, { event: 'batch' }>;
type Phase = 'idle' | 'running' | 'paused';

interface Props {
  readonly data?: DataInfo;
  readonly spec?: ModelSpec;
  readonly backends: readonly BackendRow[];
  readonly defaults: Partial<Pick<TrainSettings, 'epochs' | 'batchSize' | 'optimizer' | 'validationSplit'>>;
  readonly result?: TrainResult;
  readonly onResult: (r: TrainResult | undefined) => void;
}

const seconds = (s: number) => (s >= 90 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`);

/** Train in the worker with live curves; pause, resume, stop; then the held-out score and confusion matrix. */
export function TrainView({ data, spec, backends, defaults, result, onResult }: Props) {
  const [backend, setBackend] = useState('auto');
  const [epochs, setEpochs] = useState(3);
  const [batchSize, setBatchSize] = useState(64);
  const [learningRate, setLearningRate] = useState(0.001);
  const [optimizer, setOptimizer] = useState<TrainSettings['optimizer']>('adam');
  const [limit, setLimit] = useState(0);
  const [validationSplit, setValidationSplit] = useState(0.1);
  const [phase, setPhase] = useState<Phase>('idle');
  const [batch, setBatch] = useState<BatchEvent>();
  const [batchSvg, setBatchSvg] = useState<string>();
  const [epochSvg, setEpochSvg] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (defaults.epochs) setEpochs(defaults.epochs);
    if (defaults.batchSize) setBatchSize(defaults.batchSize);
    if (defaults.optimizer) setOptimizer(defaults.optimizer);
    if (defaults.validationSplit !== undefined) setValidationSplit(defaults.validationSplit);
  }, [defaults]);
  useEffect(
    () =>
      onEvent((e) => {
        if (e.event === 'batch') {
          setBatch(e);
          if (e.svg) setBatchSvg(e.svg);
        } else if (e.event === 'epoch') setEpochSvg(e.svg);
        else if (e.event === 'status') setStatus(e.text);
      }),
    [],
  );
  const start = async () => {
    if (!spec) return;
    setPhase('running');
    setError(undefined);
    setBatchSvg(undefined);
    setEpochSvg(undefined);
    setBatch(undefined);
    onResult(undefined);
    try {
      onResult(await call('train', { spec, backend, epochs, batchSize, learningRate, optimizer, limit, validationSplit }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPhase('idle');
    }
  };
  const pauseOrResume = () => {
    void call(phase === 'paused' ? 'resume' : 'pause', {});
    setPhase(phase === 'paused' ? 'running' : 'paused');
  };
  const number = (id: string, label: string, value: number, set: (v: number) => void, attrs: Record<string, number>, help?: string) => (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="number" value={value} {...attrs} disabled={phase !== 'idle'} onInput={(e) => set(Number(e.currentTarget.value))} />
      {help && <small class="help">{help}</small>}
    </div>
  );
  return (
    <div class="grid train">
      <div class="card settings">
        <h2>Train</h2>
        {!data && <p class="muted">Load data first (Data tab).</p>}
        <BackendPicker backends={backends} value={backend} onChange={setBackend} disabled={phase !== 'idle'} />
        {number('epochs', 'epochs', epochs, setEpochs, { min: 1, max: 100, step: 1 })}
        {number('batch-size', 'batch size', batchSize, setBatchSize, { min: 1, max: 1024, step: 1 })}
        {number('learning-rate', 'learning rate', learningRate, setLearningRate, { min: 0.00001, max: 1, step: 0.0005 })}
        <div class="field">
          <label for="optimizer">optimizer</label>
          <select id="optimizer" value={optimizer} disabled={phase !== 'idle'} onChange={(e) => setOptimizer(e.currentTarget.value as TrainSettings['optimizer'])}>
            {['adam', 'rmsprop', 'sgd'].map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </div>
        {number('train-limit', 'training samples', limit, setLimit, { min: 0, step: 100 }, '0 = all loaded')}
        {number('validation-split', 'validation split', validationSplit, setValidationSplit, { min: 0, max: 0.5, step: 0.05 })}
        <div class="buttons">
          <button class="primary" id="start" disabled={!data || !spec || phase !== 'idle'} onClick={start}>
            Start
          </button>
          <button id="pause" disabled={phase === 'idle'} onClick={pauseOrResume}>
            {phase === 'paused' ? 'Resume' : 'Pause'}
          </button>
          <button id="stop" disabled={phase === 'idle'} onClick={() => void call('stop', {})}>
            Stop
          </button>
        </div>
      </div>
      <div class="card live">
        <h2>Progress</h2>
        {status && <p class="muted">{status}</p>}
        {!status && !batch && !error && <p class="muted">Press Start: the loss and accuracy of each batch and epoch are drawn here as the model trains.</p>}
        {batch && (
          <div class="progress" role="status" id="train-progress">
            <span>
              epoch {batch.epoch + 1}/{batch.epochs}, batch {batch.batch + 1}/{batch.batches}
            </span>
            <progress aria-label="training" max={batch.epochs * batch.batches} value={batch.epoch * batch.batches + batch.batch + 1} />
            <span>
              loss {batch.loss.toFixed(3)}
              {batch.accuracy !== undefined && ` · acc ${(100 * batch.accuracy).toFixed(1)}%`} · {Math.round(batch.samplesPerSecond)} samples/s · ETA {seconds(batch.etaSeconds)}
            </span>
          </div>
        )}
        {error && <p class="error" role="alert">{error}</p>}
        <div class="charts">
          <Svg svg={batchSvg} label="loss and accuracy per batch" id="batch-chart" />
          <Svg svg={epochSvg} label="loss and accuracy per epoch, training and validation" id="epoch-chart" />
        </div>
      </div>
      {result && (
        <div class="card result" id="train-result">
          <h2>Result</h2>
          <p class="headline">
            {result.test?.accuracy !== undefined ? (
              <>
                held-out accuracy <strong id="held-out">{(100 * result.test.accuracy).toFixed(2)}%</strong>
              </>
            ) : (
              result.test && (
                <>
                  held-out MAE <strong id="held-out">{result.test.mae?.toPrecision(3)}</strong>
                </>
              )
            )}{' '}
            on {result.test?.samples.toLocaleString()} samples
          </p>
          <p class="muted" id="train-facts">
            {result.stopped ? `${result.stopped}; ` : ''}
            {result.epochs} epoch(s) on {result.backend} {result.device ? `(${result.device})` : ''}, {result.secondsPerEpoch !== undefined && <span id="seconds-per-epoch">{result.secondsPerEpoch.toFixed(2)} s/epoch, </span>}
            {result.msPerStep.toFixed(1)} ms/step
            {result.fused ? `; recurrent layers: ${result.fused}` : ''}
          </p>
          {result.confusion && <ConfusionView svg={result.confusion.svg} matrix={result.confusion.matrix} image={!!data?.image} classNames={data?.classNames ?? []} />}
        </div>
      )}
      {data && spec && <Compare spec={spec} backends={backends} batchSize={batchSize} disabled={phase !== 'idle'} />}
    </div>
  );
}
