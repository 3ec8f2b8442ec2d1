import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '../client.js';
import type { TextReading } from '../protocol.js';
import { Probabilities } from './probabilities.js';

/** Type a text; the model reads it with the vocabulary it was trained with, and its probabilities update as you type. */
export function TextTry({ ready }: { ready: boolean }) {
  const [text, setText] = useState('');
  const [read, setRead] = useState<TextReading>();
  const [error, setError] = useState<string>();
  // One reading at a time; text typed meanwhile is read next (the latest only).
  const pending = useRef<string | undefined>(undefined);
  const running = useRef(false);
  const readText = async (t: string) => {
    if (running.current) return void (pending.current = t);
    running.current = true;
    try {
      setRead(await call('readText', { text: t }));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      running.current = false;
      const next = pending.current;
      pending.current = undefined;
      if (next !== undefined) void readText(next);
    }
  };
  useEffect(() => void (ready && text.trim() && readText(text)), [text, ready]);
  const best = read ? read.probabilities.indexOf(Math.max(...read.probabilities)) : -1;
  return (
    <div class="grid try">
      <div class="card">
        <h2>Write a text</h2>
        {!ready && <p class="muted">Train a model first (Train tab) or open one (Keep tab), then write here.</p>}
        <label for="try-text" class="sr-only">text for the model</label>
        <textarea id="try-text" rows={8} placeholder="A wonderful film, the best acting I have seen this year…" value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </div>
      <div class="card">
        <h2>The model reads</h2>
        {error && <p class="error" role="alert">{error}</p>}
        {read && (
          <>
            <p class="headline" aria-live="polite">
              prediction <strong id="prediction">{read.classNames[best] ?? best}</strong>
            </p>
            <Probabilities probabilities={read.probabilities} classNames={read.classNames} />
            <p class="tokens" id="try-tokens">
              {read.tokens.map((t, i) => (
                <span key={i} class={t.known ? 'known' : 'unknown'} title={t.known ? 'in the vocabulary' : 'not in the vocabulary: read as <oov>'}>
                  {t.word}{' '}
                </span>
              ))}
            </p>
            <small class="help">Words in grey are outside the model's vocabulary; the last words count when a text is longer than the model reads.</small>
          </>
        )}
        {!read && ready && <p class="muted">Nothing written yet.</p>}
      </div>
    </div>
  );
}
