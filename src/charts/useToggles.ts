import { useState } from 'react';

/** Legend toggles of one chart: the ids of the hidden series. */
export function useToggles() {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return { hidden, toggle };
}
