import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImportEdge, importCycles, importGraph } from './importGraph';
import { tfjsReachedFrom, violations } from './importRules';

const SRC = resolve(import.meta.dirname, '../src');
const graph = importGraph(SRC);

const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly });

describe('the import graph of src/', () => {
  it('is read: every layer has files and edges', () => {
    for (const layer of [
      'core/',
      'engine/',
      'worker/',
      'session/',
      'shared/',
      'app/',
      'features/',
      'charts/',
      'cli/',
    ]) {
      expect(
        graph.some((e) => e.from.startsWith(layer)),
        layer,
      ).toBe(true);
    }
    // A type-only import is told apart from a value import.
    expect(graph.some((e) => e.typeOnly)).toBe(true);
    expect(graph.some((e) => e.to === 'npm:@tensorflow/tfjs-core' && !e.typeOnly)).toBe(true);
  });

  it('keeps every dependency rule', () => {
    expect(violations(graph)).toEqual([]);
  });

  it('has no import circles', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('never reaches tfjs from the page entry by value imports', () => {
    expect(tfjsReachedFrom(graph, ['main.tsx'])).toEqual([]);
  });
});

describe('the rules catch what they forbid', () => {
  it('a screen value-importing the engine, core importing React, the CLI importing a view', () => {
    const bad = [
      edge('features/hardness/timingMarks.ts', 'engine/sweep.ts'),
      edge('core/fit.ts', 'npm:react'),
      edge('cli/commands/layers.ts', 'features/layers/LayerExplorer.tsx'),
      edge('charts/LineChart.tsx', 'features/complexity/chartSeries.ts'),
      edge('features/complexity/RunBar.tsx', 'app/Header.tsx'),
      edge('session/engineStore.ts', 'features/complexity/labStore.ts'),
      edge('shared/hashParts.ts', 'session/engineStore.ts'),
      edge('cli/commands/hardness.ts', 'features/hardness/hardnessStore.ts'),
      edge('features/hardness/model/config.ts', 'features/hardness/hardnessStore.ts'),
      edge('features/story/StoryFigure.tsx', 'features/hardness/figures.ts'),
      edge('app/App.tsx', 'features/complexity/ComplexityLab.tsx'),
      edge('worker/sweepProtocol.ts', 'engine/sweep.ts'),
      edge('peer/runPeerBench.ts', 'features/complexity/model/labConfig.ts'),
      edge('engine/sweep.ts', 'peer/peerReport.ts'),
      edge('features/complexity/labStore.ts', 'npm:onnxruntime-web'),
    ];
    expect(violations(bad)).toHaveLength(15);
    // The peer page may use the engine, and the CLI may build and read it.
    expect(
      violations([
        edge('peer/enginePeer.ts', 'engine/runAttention.ts'),
        edge('peer/ortPeer.ts', 'npm:onnxruntime-web', true),
        edge('cli/peerPage.ts', 'peer/ortPeer.ts'),
      ]),
    ).toEqual([]);
    // Through a screen's index.ts, its model/, or within one screen: allowed.
    expect(
      violations([
        edge('features/story/StoryFigure.tsx', 'features/hardness/index.ts'),
        edge('app/App.tsx', 'features/complexity/index.ts'),
        edge('features/share/shareHash.ts', 'features/complexity/model/labHash.ts'),
        edge('features/hardness/HardnessLab.tsx', 'features/hardness/figures.ts'),
      ]),
    ).toEqual([]);
    // The CLI may use a screen's pure model/.
    expect(
      violations([edge('cli/commands/hardness.ts', 'features/hardness/model/config.ts')]),
    ).toEqual([]);
    // Only main.tsx imports the shell.
    expect(violations([edge('main.tsx', 'app/App.tsx')])).toEqual([]);
    // Type-only imports of engine types are erased at build and pass.
    expect(violations([edge('features/hardness/marks.ts', 'engine/sweep.ts', true)])).toEqual([]);
    // Tests may reach across layers.
    expect(violations([edge('features/complexity/lab.test.ts', 'engine/sweep.ts')])).toEqual([]);
  });

  it('a chain from the page entry to tfjs is found and shown', () => {
    const chain = tfjsReachedFrom(
      [
        edge('main.tsx', 'app/App.tsx'),
        edge('app/App.tsx', 'features/hardness/timingMarks.ts'),
        edge('features/hardness/timingMarks.ts', 'engine/sweep.ts'),
        edge('engine/sweep.ts', 'npm:@tensorflow/tfjs-core'),
      ],
      ['main.tsx'],
    );
    expect(chain).toEqual([
      'main.tsx → app/App.tsx → features/hardness/timingMarks.ts → engine/sweep.ts → npm:@tensorflow/tfjs-core',
    ]);
  });

  it('a circle is found', () => {
    const cycles = importCycles([edge('a.ts', 'b.ts'), edge('b.ts', 'c.ts'), edge('c.ts', 'a.ts')]);
    expect(cycles).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
