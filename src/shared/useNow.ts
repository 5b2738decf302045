import { useEffect, useState } from 'react';

/** performance.now(), refreshed every `everyMs` while `active` (a countdown's clock). */
export function useNow(active: boolean, everyMs = 1000): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(performance.now()), everyMs);
    return () => clearInterval(id);
  }, [active, everyMs]);
  return now;
}
