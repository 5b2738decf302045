import { useLabStore } from './labStore';

/**
 * Whether this page load is a first visit: opened with no hash at all (a shared link or a
 * returning visitor's bookmark always carries one, and opens where it says). The lab then leads
 * with a chart of the reference run and the way into the story; once the visitor leaves the lab
 * for another screen, the lab opens plainly again.
 */
let firstVisit = typeof location !== 'undefined' && (location.hash === '' || location.hash === '#');

useLabStore.subscribe((s) => {
  if (s.screen !== 'lab') firstVisit = false;
});

export const isFirstVisit = () => firstVisit;
