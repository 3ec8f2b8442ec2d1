/**
 * Lets the event loop run (so a Web Worker can receive a cancel message, and progress can be drawn) at most
 * every `everyMs`, then throws the signal's reason if it was aborted.
 */
let last = 0;
export async function yieldToEventLoop(signal?: AbortSignal, everyMs = 100): Promise<void> {
  signal?.throwIfAborted();
  const now = Date.now();
  if (now - last < everyMs) return;
  last = now;
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  signal?.throwIfAborted();
}
