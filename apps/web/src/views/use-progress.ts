import { useEffect, useState } from 'preact/hooks';
import { onEvent } from '../client.js';
import type { Event } from '../protocol.js';

/** The worker's latest progress or status event while `active`. */
export function useProgress(active: boolean): Extract<Event, { event: 'progress' | 'status' }> | undefined {
  const [p, setP] = useState<Extract<Event, { event: 'progress' | 'status' }>>();
  useEffect(() => {
    if (!active) return setP(undefined);
    return onEvent((e) => (e.event === 'progress' || e.event === 'status') && setP(e));
  }, [active]);
  return p;
}
