import { create } from 'zustand';
import { formatBytes } from '../../core/schemas/jsonText';
import { RESULT_LIMITS } from '../../core/schemas/sweepResult';
import { IDLE_RUN } from './labRun';
import { useLabStore } from './labStore';
import type { ResultSet } from './precomputed';
import { readResultFile } from './readResultFile';

/**
 * Result files the user opens: one shown as the run (source 'file'), and optionally a second
 * one overlaid for comparison. A file that cannot be read leaves what is shown as it was.
 */

export interface OpenedFile {
  name: string;
  set: ResultSet;
}

export interface LabFilesState {
  /** The file shown as the run; meaningful while the lab's run source is 'file'. */
  shown: OpenedFile | null;
  compare: OpenedFile | null;
  error: string | null;
  open(file: File): Promise<void>;
  openCompare(file: File): Promise<void>;
  clearCompare(): void;
}

async function read(file: File): Promise<OpenedFile | string> {
  // Checked before reading: a huge file is refused without holding its text.
  if (file.size > RESULT_LIMITS.fileBytes) {
    return `${file.name} cannot be shown: it is larger than the limit of ${formatBytes(RESULT_LIMITS.fileBytes)}`;
  }
  const set = await readResultFile(file);
  return typeof set === 'string'
    ? `${file.name} cannot be shown: ${set}`
    : { name: file.name, set };
}

const busy = () => {
  const lab = useLabStore.getState();
  return lab.run.status === 'running' || lab.paramRun.status === 'running';
};

export const useLabFiles = create<LabFilesState>()((set) => ({
  shown: null,
  compare: null,
  error: null,
  open: async (file) => {
    if (busy()) return set({ error: 'Wait for the run to end before opening a file.' });
    const opened = await read(file);
    if (typeof opened === 'string') return set({ error: opened });
    set({ shown: opened, error: null });
    useLabStore.setState({ run: { ...IDLE_RUN, source: 'file', ...opened.set } });
  },
  openCompare: async (file) => {
    const opened = await read(file);
    if (typeof opened === 'string') return set({ error: opened });
    set({ compare: opened, error: null });
  },
  clearCompare: () => set({ compare: null, error: null }),
}));
